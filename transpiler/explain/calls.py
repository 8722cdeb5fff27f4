"""`--calls "EXPR, EXPR"`: read a call's arguments statically as tf.function trace types.

A Tensor is known by dtype and shape (`tf.constant("hi")` is string[]), a Python value by
its value (tf.function keys graphs on it), a list/tuple/dict by its structure. Anything not
readable without running code (a name, an arbitrary call) is `Unknown`.
"""
from __future__ import annotations

import ast
import dataclasses
from typing import List, Optional, Tuple

from .. import deep
from ..ground.syntax import dotted

DTYPE_ALIASES = {"float": "float32", "double": "float64", "half": "float16", "int": "int32"}
NP_DTYPES = {bool: "bool", int: "int64", float: "float64"}
TF_DTYPES = {bool: "bool", int: "int32", float: "float32", str: "string", bytes: "string"}


@dataclasses.dataclass(frozen=True)
class TensorT:
    dtype: str
    shape: Optional[Tuple[Optional[int], ...]]   # None: unknown rank

    def __str__(self):
        if self.shape is None:
            return f"{self.dtype}[...]"
        return f"{self.dtype}[{', '.join('None' if d is None else str(d) for d in self.shape)}]"


@dataclasses.dataclass(frozen=True)
class PyT:
    value: object

    def __str__(self):
        return f"Python {self.value!r}"


@dataclasses.dataclass(frozen=True)
class SeqT:
    kind: str                    # "list" | "tuple" | "dict"
    items: tuple                 # element types; for dict: ((key, type), ...)

    def __str__(self):
        if self.kind == "dict":
            return "{" + ", ".join(f"{k!r}: {v}" for k, v in self.items) + "}"
        inner = ", ".join(str(i) for i in self.items)
        return f"[{inner}]" if self.kind == "list" else f"({inner}{',' if len(self.items) == 1 else ''})"


@dataclasses.dataclass(frozen=True)
class Unknown:
    source: str

    def __str__(self):
        return f"`{self.source}` (not readable statically)"


@dataclasses.dataclass
class CallArgs:
    text: str
    args: List[object]
    kwargs: List[Tuple[str, object]]


class CallSyntaxError(ValueError):
    pass


def parse_calls(text: str) -> CallArgs:
    """The argument list `text` as trace types; CallSyntaxError unless it is one argument list
    (`)(` or `), g(` would splice a second call in), or when it is nested too deeply to read
    (it is read on agx's deep stack, like a converted file)."""
    return deep.call(_parse_calls, text)


def _parse_calls(text: str) -> CallArgs:
    try:
        tree = ast.parse(f"f({text})", mode="eval")
    except SyntaxError as exc:
        raise CallSyntaxError(f"--calls {text!r} is not a Python argument list: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise CallSyntaxError(f"--calls {_short(text)} is nested too deeply to read") from None
    call = tree.body
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "f"
            and call.func.col_offset == 0):
        raise CallSyntaxError(f"--calls {text!r} is not one argument list (its parentheses do not balance)")
    try:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return CallArgs(text, [Unknown(ast.unparse(a)) for a in call.args], [])
        return CallArgs(text, [trace_type(a) for a in call.args],
                        [(k.arg, trace_type(k.value)) for k in call.keywords])
    except (RecursionError, MemoryError):
        raise CallSyntaxError(f"--calls {_short(text)} is nested too deeply to read") from None


def _short(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")


def _literal(node):
    try:
        return True, ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def _dtype(node) -> Optional[str]:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        name = node.value
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return None
    return DTYPE_ALIASES.get(name, name)


def _shape_of(value) -> Optional[tuple]:
    if isinstance(value, (list, tuple)):
        inner = [_shape_of(v) for v in value]
        if not inner:
            return (0,)
        if any(s is None for s in inner) or len(set(inner)) != 1:
            return None
        return (len(value),) + inner[0]
    return ()


def _leaves(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def _value_dtype(value, table) -> Optional[str]:
    kinds = {type(v) for v in _leaves(value)}
    if not kinds:
        return "float32" if table is TF_DTYPES else "float64"
    if kinds <= {int, float} and float in kinds:
        return table[float]
    if len(kinds) != 1:
        return None
    return table.get(kinds.pop())


def _shape_arg(node) -> Optional[tuple]:
    ok, value = _literal(node) if node is not None else (False, None)
    if not ok:
        return None
    if isinstance(value, int):
        return (value,)
    if isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
        return tuple(value)
    return None


def _kw(call, name, position):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return call.args[position] if len(call.args) > position else None


def _range_len(call) -> Optional[int]:
    ok = [_literal(a) for a in call.args]
    if not ok or not all(o for o, _ in ok):
        return None
    values = [v for _, v in ok]
    try:
        return len(range(*[int(v) for v in values])) if all(isinstance(v, int) for v in values) else None
    except (TypeError, ValueError):
        return None


def _tensor_call(node: ast.Call):
    name = dotted(node.func) or ""
    head, _, api = name.partition(".")
    if head in ("tf", "tensorflow"):
        if api in ("constant", "convert_to_tensor"):
            ok, value = _literal(node.args[0]) if node.args else (False, None)
            dtype = _dtype(_kw(node, "dtype", 1))
            shape = _shape_arg(_kw(node, "shape", 2))
            if not ok:
                return None
            dtype = dtype or _value_dtype(value, TF_DTYPES)
            return TensorT(dtype, shape if shape is not None else _shape_of(value)) if dtype else None
        if api in ("zeros", "ones", "random.normal", "random.uniform"):
            shape = _shape_arg(_kw(node, "shape", 0))
            dtype = _dtype(_kw(node, "dtype", 1 if api in ("zeros", "ones") else 3)) or "float32"
            return TensorT(dtype, shape) if shape is not None else None
        if api == "fill":
            shape = _shape_arg(_kw(node, "dims", 0))
            ok, value = _literal(_kw(node, "value", 1))
            return TensorT(_value_dtype(value, TF_DTYPES), shape) if ok and shape is not None else None
        if api == "range":
            length = _range_len(node)
            dtype = _dtype(_kw(node, "dtype", 3))
            if dtype is None:
                ok = [_literal(a) for a in node.args]
                dtype = _value_dtype([v for _, v in ok], TF_DTYPES) if all(o for o, _ in ok) else None
            return TensorT(dtype, (length,)) if dtype and length is not None else None
        if api == "cast" and node.args:
            inner = trace_type(node.args[0])
            dtype = _dtype(_kw(node, "dtype", 1))
            if isinstance(inner, TensorT) and dtype:
                return TensorT(dtype, inner.shape)
            if isinstance(inner, PyT) and dtype:
                return TensorT(dtype, _shape_of(inner.value))
    if head in ("np", "numpy"):
        if api == "array" and node.args:
            ok, value = _literal(node.args[0])
            dtype = _dtype(_kw(node, "dtype", 1)) or (_value_dtype(value, NP_DTYPES) if ok else None)
            return TensorT(dtype, _shape_of(value)) if ok and dtype else None
        if api in ("zeros", "ones"):
            shape = _shape_arg(_kw(node, "shape", 0))
            dtype = _dtype(_kw(node, "dtype", 1)) or "float64"
            return TensorT(dtype, shape) if shape is not None else None
    return None


def trace_type(node):
    """The trace type of one argument expression."""
    if isinstance(node, ast.List) or isinstance(node, ast.Tuple):
        return SeqT("list" if isinstance(node, ast.List) else "tuple", tuple(trace_type(e) for e in node.elts))
    if isinstance(node, ast.Dict) and all(k is not None for k in node.keys):
        keys = [_literal(k) for k in node.keys]
        if all(ok for ok, _ in keys):
            return SeqT("dict", tuple(sorted(((k, trace_type(v)) for (_, k), v in zip(keys, node.values)),
                                             key=lambda kv: repr(kv[0]))))
    if isinstance(node, ast.Call):
        t = _tensor_call(node)
        if t is not None:
            return t
        return Unknown(ast.unparse(node))
    ok, value = _literal(node)
    if ok:
        try:
            hash(value)
        except TypeError:
            return Unknown(ast.unparse(node))
        return PyT(value)
    return Unknown(ast.unparse(node))
