"""`--run`: import the user's module and make the `--calls` for real, under tf.function.

This executes the user's file (the CLI says so). For each call it records whether the
function traced (`experimental_get_tracing_count`), what Python printed while the call ran
(only tracing runs Python `print`) and what the graph printed (`tf.print` writes to the
process's stderr, captured at the file-descriptor level). TensorFlow is imported lazily.
"""
from __future__ import annotations

import contextlib
import importlib
import io
import linecache
import logging
import os
import re
import sys
import tempfile
import types
from typing import List, Optional

from .model import CallReport


# TensorFlow's own C++ log lines on stderr (absl format, e.g. `E0000 00:00:1.2 7 cuda_executor.cc:1] ...`)
_TF_LOG = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [\w.\-]+:\d+\] ")
_TF_NOISE = ("WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
             "To enable the following instructions:")


def graph_printed(text: str) -> str:
    """What tf.print wrote to stderr: TensorFlow's own log lines taken out."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not _TF_LOG.match(line) and not line.startswith(_TF_NOISE))


class RunError(Exception):
    """The module or function could not be loaded; the message says why."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    lines = [line.strip() for line in text if line.strip() and not line.strip().startswith(("File ", "in user code"))]
    last = lines[-1] if lines else ""
    if last.startswith(type(exc).__name__ + ":"):
        return last
    return f"{type(exc).__name__}: {last}".rstrip(": ")


def load_module(target) -> types.ModuleType:
    """Import the target's module (runs its top-level code)."""
    try:
        if target.module:
            if os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())
            return importlib.import_module(target.module)
        name = "__agx_explain_run__"
        module = types.ModuleType(name)
        module.__file__ = target.filename
        sys.modules[name] = module
        if target.stdin:  # let inspect (AutoGraph, tracebacks) find the source of stdin code
            linecache.cache[target.filename] = (len(target.text), None, target.text.splitlines(True),
                                                target.filename)
        if not target.stdin:
            directory = os.path.dirname(os.path.abspath(target.filename))
            if directory not in sys.path:
                sys.path.insert(0, directory)
        exec(compile(target.text, target.filename, "exec"), module.__dict__)
        return module
    except SystemExit as exc:
        raise RunError(f"importing {target.filename} called sys.exit({exc.code})") from None
    except BaseException as exc:  # the user's module may raise anything
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise RunError(f"importing {target.filename} failed: {_first_line(exc)}") from None


def get_function(module, qualname: str):
    """(the tf.function to call, the object to keep alive): the module's object, or a
    tf.function wrapping a plain function. For `Class.method`, an instance made with no
    arguments (tf.function binds methods weakly: the instance must outlive the calls)."""
    import tensorflow as tf
    parts = qualname.split(".")
    obj = getattr(module, parts[0], None)
    instance = None
    if obj is None:
        raise RunError(f"the module has no `{parts[0]}` after import")
    if len(parts) == 2:
        try:
            instance = obj()
        except Exception as exc:
            raise RunError(f"cannot create `{parts[0]}()` without arguments to call `{qualname}`: "
                           f"{_first_line(exc)}") from None
        obj = getattr(instance, parts[1])
    if not hasattr(obj, "experimental_get_tracing_count"):
        obj = tf.function(obj)
    return obj, instance


@contextlib.contextmanager
def _capture(sink: dict):
    """Python stdout -> sink['printed']; fd 2 (tf.print) -> sink['graph']; Python stderr and
    TensorFlow's Python log (retracing warnings: agx reports retracing itself) dropped."""
    tf_log = logging.getLogger("tensorflow")
    level = tf_log.level
    tf_log.setLevel(logging.ERROR)
    try:
        with _capture_streams(sink):
            yield
    finally:
        tf_log.setLevel(level)


@contextlib.contextmanager
def _capture_streams(sink: dict):
    out, err = io.StringIO(), io.StringIO()
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr descriptor: capture Python output only
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield
        sink["graph"], sink["printed"] = "", out.getvalue()
        return
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            sink["graph"] = graph_printed(tmp.read().decode("utf-8", "replace"))
            sink["printed"] = out.getvalue()


def _namespace(module) -> dict:
    ns = dict(vars(module))
    import tensorflow as tf
    ns.setdefault("tf", tf)
    try:
        import numpy as np
        ns.setdefault("np", np)
    except ImportError:  # pragma: no cover
        pass
    ns["__agx_args__"] = lambda *a, **k: (a, k)
    return ns


def run_calls(target, qualname: str, reports: List[CallReport], logdir: Optional[str] = None) -> dict:
    """Make each call, filling the reports' observed fields; returns facts about the run."""
    import tensorflow as tf
    facts = {"import_printed": "", "traced_at_import": 0, "graph_written": None}
    sink: dict = {}
    with _capture(sink):
        module = load_module(target)
    facts["import_printed"] = sink.get("printed", "")
    function, keep_alive = get_function(module, qualname)
    facts["traced_at_import"] = function.experimental_get_tracing_count()
    ns = _namespace(module)
    writer = None
    if logdir:
        writer = tf.summary.create_file_writer(logdir)
        tf.summary.trace_on(graph=True, profiler=False)
    for report in reports:
        report.ran = True
        try:
            args, kwargs = eval(f"__agx_args__({report.args})", ns)  # the user's own expressions
        except Exception as exc:
            report.observed_error = f"evaluating the arguments failed: {_first_line(exc)}"
            continue
        before = function.experimental_get_tracing_count()
        sink = {}
        with _capture(sink):
            try:
                function(*args, **kwargs)
            except Exception as exc:
                report.observed_error = _first_line(exc)
        report.printed, report.graph_output = sink["printed"], sink["graph"]
        if report.observed_error is None or function.experimental_get_tracing_count() > before:
            report.observed_trace = function.experimental_get_tracing_count() > before
    del keep_alive
    if writer is not None:
        with writer.as_default():
            tf.summary.trace_export(name=qualname.replace(".", "_"), step=0)
        writer.flush()
        facts["graph_written"] = logdir
    return facts
