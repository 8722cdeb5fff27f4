"""`@tf.function(...)` -> `@tf.function(..., autograph=False)`, keeping every other argument.

The converted body already has explicit graph control flow, so AutoGraph must not run on
it again. `input_signature`, `jit_compile`, `reduce_retracing`, ... are kept as they were.
"""
from __future__ import annotations

import gast

from ..analysis.context import ModuleContext, tf_api


def is_tf_function(decorator, ctx: ModuleContext) -> bool:
    target = decorator.func if isinstance(decorator, gast.Call) else decorator
    return tf_api(target, ctx) == "function"


def signature_of(decorator):
    """The `input_signature=` value of a tf.function decorator, or None."""
    if isinstance(decorator, gast.Call):
        for kw in decorator.keywords:
            if kw.arg == "input_signature":
                return kw.value
        if len(decorator.args) > 1:  # tf.function(func, input_signature, ...)
            return decorator.args[1]
    return None


AUTOGRAPH_ONLY = ("autograph", "experimental_autograph_options")


def autograph_options(decorator):
    """The `experimental_autograph_options=` keyword of a tf.function decorator, or None."""
    if isinstance(decorator, gast.Call):
        return next((k for k in decorator.keywords if k.arg == "experimental_autograph_options"), None)
    return None


def without_autograph(decorator):
    off = gast.keyword(arg="autograph", value=gast.Constant(value=False, kind=None))
    if isinstance(decorator, gast.Call):
        decorator.keywords = [k for k in decorator.keywords if k.arg not in AUTOGRAPH_ONLY] + [off]
        return decorator
    return gast.Call(func=decorator, args=[], keywords=[off])


def rewrite_decorators(fn, ctx: ModuleContext) -> bool:
    """Rewrite tf.function decorators of `fn` in place; True if it had one."""
    found = False
    for i, deco in enumerate(fn.decorator_list):
        if is_tf_function(deco, ctx):
            fn.decorator_list[i] = without_autograph(deco)
            found = True
    return found


def converts_builtins(fn, ctx: ModuleContext) -> bool:
    """`fn` has a tf.function decorator whose `experimental_autograph_options` asks AutoGraph to
    convert builtins (`Feature.BUILTIN_FUNCTIONS` or `Feature.ALL`): `print` of a Tensor then
    prints on every call, so agx lowers it to `tf.print` (lower/builtins.py)."""
    for deco in getattr(fn, "decorator_list", []):
        option = autograph_options(deco) if is_tf_function(deco, ctx) else None
        if option is not None and any(
                (isinstance(n, gast.Attribute) and n.attr in ("BUILTIN_FUNCTIONS", "ALL")) or
                (isinstance(n, gast.Name) and n.id in ("BUILTIN_FUNCTIONS", "ALL"))
                for n in gast.walk(option.value)):
            return True
    return False
