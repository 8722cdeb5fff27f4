"""One reference-test file, run with a recording stand-in for `reference_test_base`
(see run_reference.py). Prints one `AGXREF {json}` line per case."""
from __future__ import annotations

import faulthandler
import importlib.util
import io
import json
import numbers
import os
import signal
import sys
import tempfile
import traceback
import types
import unittest

import numpy as np
import tensorflow as tf

from transpiler import api

PATH = sys.argv[1]
FILE = os.path.basename(PATH)
_converted: dict = {}


def _converted_namespace(module) -> dict:
    """The test module converted by agx (functions="all"), executed as a module of its own."""
    if module.__name__ not in _converted:
        source = open(module.__file__).read()
        try:
            code = api.convert(source, target="tf2", functions="all", filename=module.__file__).code
            # a real file: AutoGraph (to_graph of a kept function) reads its source
            path = os.path.join(tempfile.mkdtemp(prefix="agxref"), module.__name__ + "_agx.py")
            with open(path, "w") as fh:
                fh.write(code)
            spec = importlib.util.spec_from_file_location(module.__name__ + "_agx", path)
            converted = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = converted
            spec.loader.exec_module(converted)
            _converted[module.__name__] = vars(converted)
        except Exception as e:  # pylint: disable=broad-except
            _converted[module.__name__] = e
    return _converted[module.__name__]


def agx_version(f):
    ns = _converted_namespace(sys.modules[f.__module__])
    if isinstance(ns, Exception):
        raise RuntimeError(f"agx conversion failed: {type(ns).__name__}: {ns}")
    value = ns
    for part in f.__qualname__.split("."):
        if part == "<locals>":
            raise RuntimeError("a function defined inside the test: not in the module")
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def _capture(func):
    out, results, err = io.StringIO(), None, None
    try:
        sys.stdout = out
        results = func()
    except Exception as e:  # pylint: disable=broad-except
        err = e
    finally:
        sys.stdout = sys.__stdout__
    return results, out.getvalue(), err


def _deep_equal(left, right):
    if isinstance(left, tf.Tensor):
        return _deep_equal(left.numpy(), right)
    if isinstance(right, tf.Tensor):
        return _deep_equal(left, right.numpy())
    if isinstance(left, tf.SparseTensor) and isinstance(right, tf.SparseTensor):
        return (_deep_equal(left.indices, right.indices) and _deep_equal(left.values, right.values)
                and _deep_equal(left.shape, right.shape))
    if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
        return np.array_equal(left, right)
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return all(_deep_equal(a, b) for a, b in zip(left, right))
    return left == right


class TestCase(tf.test.TestCase):
    """reference_test_base.TestCase, recording eager, AutoGraph and agx for each case."""

    def setUp(self):
        super().setUp()
        os.environ["AUTOGRAPH_STRICT_CONVERSION"] = "1"
        self.autograph_opts = None
        self.all_inputs_tensors = False
        self.allow_exceptions = False
        self._calls = 0

    def _as_tensors(self, args):
        out = []
        for a in args:
            if isinstance(a, (numbers.Number, list, np.ndarray)):
                out.append(tf.constant(a))
            elif isinstance(a, dict):
                keys = tuple(a.keys())
                out.append(dict(zip(keys, self._as_tensors([a[k] for k in keys]))))
            else:
                out.append(a)
        return out

    def function(self, f, xla=False):
        return tf.function(f, experimental_autograph_options=self.autograph_opts, jit_compile=xla)

    def convert(self, f):
        return tf.autograph.to_graph(f, experimental_optional_features=self.autograph_opts)

    def _verdict(self, native, compiled, allow_exceptions):
        results, out, err = compiled
        if err is not None and not allow_exceptions and native[2] is None:
            return "fail", f"{type(err).__name__}: {err}"
        same = _deep_equal(native[0], results) and native[1] == out
        if same and type(native[2]) == type(err):  # pylint: disable=unidiomatic-typecheck
            return "pass", ""
        if err is None:
            return "wrong", f"eager {native[0]!r} {native[1]!r} {type(native[2]).__name__}; got {results!r} {out!r}"
        return "fail", f"{type(err).__name__}: {err}"

    def _record(self, f, make_args, autograph, agx_wrap):
        self._calls += 1
        native = _capture(lambda: f(*make_args()))
        try:
            version = agx_wrap(agx_version(f))
            agx = _capture(lambda: version(*make_args()))
        except Exception as e:  # pylint: disable=broad-except
            agx = (None, "", e)
        allow = self.allow_exceptions
        agx_v, agx_d = self._verdict(native, agx, allow)
        record = {"file": FILE, "case": f"{self.id().split('.', 1)[-1]}#{self._calls}", "function": f.__name__,
                  "eager_ok": native[2] is None, "agx": agx_v, "agx_detail": agx_d[:400]}
        # eager and agx are known: if AutoGraph then hangs, the parent still has them
        print("AGXPART " + json.dumps(record), file=sys.__stdout__, flush=True)
        ag = _capture(lambda: autograph(f)(*make_args()))
        ag_v, ag_d = self._verdict(native, ag, allow)
        record.update(autograph=ag_v, autograph_detail=ag_d[:200])
        print("AGXREF " + json.dumps(record), file=sys.__stdout__, flush=True)

    def assertFunctionMatchesEager(self, f, *args, xla=False):
        if self.all_inputs_tensors:
            args = self._as_tensors(args)
        wrap = (lambda g: g if isinstance(g, tf.types.experimental.GenericFunction)
                else tf.function(g, autograph=False, jit_compile=xla))
        self._record(f, lambda: args, lambda g: self.function(g, xla=xla), wrap)

    def assertFunctionMatchesEagerStatefulInput(self, f, args):
        wrap = (lambda g: g if isinstance(g, tf.types.experimental.GenericFunction)
                else tf.function(g, autograph=False))
        self._record(f, args, self.function, wrap)

    def assertConvertedMatchesNative(self, f, *args):
        self._record(f, lambda: args, self.convert, lambda g: g)


def _short(test) -> str:
    """`ReferenceTest.test_basic3`: a test's id without its parameters' reprs (addresses)."""
    return test.id().split(".", 1)[-1].split(" ")[0]


def main():
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>`: where a hung case is
    base = types.ModuleType("reference_test_base")
    base.TestCase = TestCase
    package = types.ModuleType("tensorflow.python.autograph.tests")
    package.reference_test_base = base
    package.__path__ = []
    sys.modules["tensorflow.python.autograph.tests"] = package
    sys.modules["tensorflow.python.autograph.tests.reference_test_base"] = base
    try:
        tf.config.set_logical_device_configuration(
            tf.config.list_physical_devices("CPU")[0], [tf.config.LogicalDeviceConfiguration()] * 2)
    except RuntimeError:
        pass
    name = "agxref_" + FILE[:-3]
    spec = importlib.util.spec_from_file_location(name, PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    tests = [t for group in suite for t in (group if isinstance(group, unittest.TestSuite) else [group])]
    if "--list" in sys.argv:
        print("\n".join("AGXTEST " + _short(t) for t in tests), file=sys.__stdout__, flush=True)
        return
    only = sys.argv[sys.argv.index("--test") + 1] if "--test" in sys.argv else None
    if only is not None:  # one test of the file (run_reference: after the whole file hung)
        suite = unittest.TestSuite([t for t in tests if _short(t) == only])
    unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)


if __name__ == "__main__":
    try:
        main()
    except Exception:  # pylint: disable=broad-except
        traceback.print_exc()
        sys.exit(1)
