"""Parameter kinds and where they come from: input_signature, annotations, defaults, Keras
conventions, how the body uses the value, and the user's override (`--assume`).

Before:                                        After (ParamInfo per parameter):
    def f(x: tf.Tensor, n: int, ds,              x   tensor      annotation
          training=False, fn=None, y=None,       n   python      annotation
          k=3):                                  ds  python      use: `.batch()` -> dataset
        for b in ds.batch(2): ...                training python default (a bool)
        fn(x)                                    fn  python      use: called -> callable
                                                 y   unknown     default None (the caller may pass a Tensor)
                                                 k   unknown     default 3 (a number: the caller may pass a Tensor)
A parameter nothing speaks for is UNKNOWN: each statement that depends on it dispatches
at trace time (graph control flow for a Tensor, the Python statement otherwise).
"""
from __future__ import annotations

from typing import Dict, Mapping, Optional

import gast

from ..ground.syntax import dotted, nodes
from .decisions import ParamInfo, Sort, Source

Assume = Mapping[str, Mapping[str, str]]   # function (qualified or plain) -> param -> kind name

ASSUME_NAMES = {
    "tensor": Sort.TENSOR, "python": Sort.SCALAR, "scalar": Sort.SCALAR,
    "container": Sort.CONTAINER, "list": Sort.CONTAINER, "callable": Sort.CALLABLE,
    "dataset": Sort.DATASET, "iterator": Sort.ITERATOR, "unknown": Sort.ANY,
}
TENSOR_TYPES = {"Tensor", "Variable", "SparseTensor", "RaggedTensor", "TensorArray",
                "Tensor", "TensorSpec", "IndexedSlices"}
SCALAR_TYPES = {"int", "float", "bool", "str", "bytes", "complex", "None", "NoneType"}
CONTAINER_TYPES = {"list", "tuple", "dict", "set", "range", "List", "Tuple", "Dict", "Set",
                   "Sequence", "Mapping", "Iterable", "MutableMapping", "MutableSequence",
                   "ndarray", "NamedTuple", "FrozenSet", "frozenset"}
CALLABLE_TYPES = {"Callable"}
DATASET_TYPES = {"Dataset", "DatasetV2", "DistributedDataset"}
ITERATOR_TYPES = {"Iterator", "OwnedIterator", "DistributedIterator"}
DATASET_METHODS = {"batch", "map", "prefetch", "shuffle", "repeat", "take", "skip", "padded_batch",
                   "filter", "unbatch", "interleave", "flat_map", "cache", "reduce", "window",
                   "enumerate", "apply", "rebatch", "element_spec", "cardinality"}
ITERATOR_METHODS = {"get_next", "get_next_as_optional"}
DATASET_BUILDERS = {"range", "from_tensor_slices", "from_tensors", "zip", "batch", "map", "prefetch",
                    "shuffle", "repeat", "take", "skip", "padded_batch", "filter", "unbatch",
                    "interleave", "flat_map", "cache", "enumerate", "from_generator", "concatenate"}

DISTRIBUTE_DATASET = {"experimental_distribute_dataset", "distribute_datasets_from_function",
                      "experimental_distribute_datasets_from_function"}

EITHER_ITERATOR = "(a tf.data one or a Python one)"  # in the reason of an iterator of either kind
NEXT_USE = f"used as `next(...)`: an iterator {EITHER_ITERATOR}"
KERAS_TRAINING = ("training",)
KERAS_METHODS = ("call", "__call__")


def parse_assume(text: str) -> Dict[str, Dict[str, str]]:
    """`f:n=python,x=tensor` (several may be joined with `;`) -> {"f": {"n": "python", ...}}."""
    out: Dict[str, Dict[str, str]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        fn, _, pairs = part.partition(":")
        if not pairs:
            raise ValueError(f"--assume {part!r}: expected FUNCTION:PARAM=KIND")
        for pair in pairs.split(","):
            name, _, kind = pair.strip().partition("=")
            if kind.strip().lower() not in ASSUME_NAMES:
                raise ValueError(f"--assume {part!r}: unknown kind {kind!r} "
                                 f"(one of {', '.join(sorted(ASSUME_NAMES))})")
            out.setdefault(fn.strip(), {})[name.strip()] = kind.strip().lower()
    return out


def _annotation_sort(node) -> Optional[Sort]:
    """The sort an annotation declares; None when agx does not know the type."""
    if isinstance(node, gast.Constant):
        if node.value is None:
            return Sort.SCALAR
        if isinstance(node.value, str):
            try:
                return _annotation_sort(gast.parse(node.value, mode="eval").body)
            except SyntaxError:
                return None
        return None
    if isinstance(node, gast.Subscript):
        head = (dotted(node.value) or "").split(".")[-1]
        args = node.slice.elts if isinstance(node.slice, gast.Tuple) else [node.slice]
        if head in ("Optional", "Union"):
            sorts = {_annotation_sort(a) for a in args} - {None}
            has_none = head == "Optional" or any(isinstance(a, gast.Constant) and a.value is None
                                                 for a in args)
            sorts.discard(Sort.SCALAR) if has_none and len(sorts) > 1 else None
            if len(sorts) == 1:
                only = sorts.pop()
                return Sort.OPTIONAL if only is Sort.TENSOR and has_none else only
            return Sort.ANY
        node = node.value
    if isinstance(node, gast.BinOp) and isinstance(node.op, gast.BitOr):  # X | None
        return _annotation_sort(gast.Subscript(value=gast.Name("Union", gast.Load(), None, None),
                                               slice=gast.Tuple([node.left, node.right], gast.Load()),
                                               ctx=gast.Load()))
    last = (dotted(node) or "").split(".")[-1]
    for names, sort in ((TENSOR_TYPES, Sort.TENSOR), (SCALAR_TYPES, Sort.SCALAR),
                        (CONTAINER_TYPES, Sort.CONTAINER), (CALLABLE_TYPES, Sort.CALLABLE),
                        (DATASET_TYPES, Sort.DATASET), (ITERATOR_TYPES, Sort.ITERATOR)):
        if last in names:
            return sort
    return None


def _default_sort(default):
    """(sort, reason) of a parameter from its default value; None without one."""
    if isinstance(default, gast.Constant):
        if default.value is None:
            return Sort.OPTIONAL, "defaults to None; a caller may pass a Tensor instead"
        if isinstance(default.value, (int, float, complex)) and not isinstance(default.value, bool):
            return Sort.OPTIONAL, (f"defaults to {default.value!r}, a Python number; a caller may "
                                   "pass a Tensor instead")
        return Sort.SCALAR, (f"default value {default.value!r} is a Python value: "
                             "each distinct value passed traces a new graph")
    if isinstance(default, (gast.List, gast.Tuple, gast.Dict, gast.Set)):
        return Sort.CONTAINER, "its default is a Python container"
    if isinstance(default, gast.Lambda):
        return Sort.CALLABLE, "its default is a function"
    return None


def _uses(fn: gast.FunctionDef) -> Dict[str, tuple]:
    """name -> (sort, reason) from how the body uses it (the first telling use wins)."""
    out: Dict[str, tuple] = {}

    def note(name, sort, why):
        out.setdefault(name, (sort, why))

    for node in nodes(fn):
        if isinstance(node, gast.Call):
            func = node.func
            if isinstance(func, gast.Name):
                if func.id == "next" and node.args and isinstance(node.args[0], gast.Name):
                    note(node.args[0].id, Sort.ITERATOR, NEXT_USE)
                elif func.id not in ("iter", "len", "isinstance", "print", "range"):
                    note(func.id, Sort.CALLABLE, "called in the body: a callable")
            elif isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name):
                if func.attr in DATASET_METHODS:
                    note(func.value.id, Sort.DATASET, f"used as `{func.value.id}.{func.attr}(...)`: a dataset")
                elif func.attr in ITERATOR_METHODS:
                    note(func.value.id, Sort.ITERATOR, f"used as `{func.value.id}.{func.attr}()`: an iterator")
    return out


def param_infos(fn: gast.FunctionDef, is_method: bool, signature: bool,
                assume: Optional[Mapping[str, str]] = None, feeds: bool = False) -> Dict[str, ParamInfo]:
    """Every parameter's kind, with its source and reason. `feeds`: the function becomes a
    TF1 runner, which feeds every parameter not known to be Python to a placeholder."""
    args, assume = fn.args, assume or {}
    positional = list(args.posonlyargs) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    uses = _uses(fn)
    infos = {}
    for index, (arg, default) in enumerate(pairs):
        info = _one(fn, arg, default, is_method and index == 0, signature, assume, uses)
        if feeds and info.sort is Sort.ANY:
            info = _info(arg.id, Sort.TENSOR, info.source, "fed to a placeholder by the TF1 runner")
        elif feeds and info.sort is Sort.OPTIONAL:
            info = _info(arg.id, Sort.OBJECT, info.source, "has a Python default: the TF1 runner "
                         "passes it as a Python value (part of the graph's signature)")
        infos[arg.id] = info
    for arg in (args.vararg, args.kwarg):
        if arg is not None:
            infos[arg.id] = _info(arg.id, Sort.OBJECT, Source.VARARGS, "a Python tuple/dict of arguments")
    return infos


def _info(name, sort, source, reason) -> ParamInfo:
    return ParamInfo(name, sort.kind, reason, sort, source)


def _one(fn, arg, default, receiver, signature, assume, uses) -> ParamInfo:
    name = arg.id
    if receiver and name in ("self", "cls"):
        return _info(name, Sort.OBJECT, Source.RECEIVER, "the object the method is called on")
    if name in assume:
        sort = ASSUME_NAMES[assume[name]]
        return _info(name, sort, Source.ASSUMED, f"assumed {assume[name]} by --assume / assume=")
    if signature:
        return _info(name, Sort.TENSOR, Source.SIGNATURE, "declared by input_signature")
    if fn.name == "__init__" and not receiver:  # as the module context reads __init__
        return _info(name, Sort.OBJECT, Source.RECEIVER, "an `__init__` parameter: the object is "
                     "built in Python, never traced")
    declared = _annotation_sort(arg.annotation) if arg.annotation is not None else None
    if declared is not None:
        return _info(name, declared, Source.ANNOTATION, f"annotated {declared.value}")
    if fn.name in KERAS_METHODS and name in KERAS_TRAINING:
        return _info(name, Sort.SCALAR, Source.KERAS,
                     "Keras passes `training` to call() as a Python bool (or None)")
    from_default = _default_sort(default) if default is not None else None
    if from_default is not None and from_default[0] is not Sort.OPTIONAL:
        return _info(name, from_default[0], Source.DEFAULT, from_default[1])
    if name in uses:
        sort, why = uses[name]
        return _info(name, sort, Source.USE, why)
    if from_default is not None:
        return _info(name, from_default[0], Source.DEFAULT, from_default[1])
    if default is not None:
        return _info(name, Sort.ANY, Source.DEFAULT, "has a non-literal default value")
    return _info(name, Sort.ANY, Source.NONE, "not annotated: a Tensor or a Python value")
