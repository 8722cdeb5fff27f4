"""`@tf.function(...)` -> `@tf.function(..., autograph=False)`, keeping every other argument.

The converted body already has explicit graph control flow, so AutoGraph must not run on
it again. `input_signature`, `jit_compile`, `reduce_retracing`, ... are kept as they were.
"""
from __future__ import annotations

import gast

from ..analysis.context import ModuleContext
from ..ground.tfapi import is_tf_function


AUTOGRAPH_ONLY = ("autograph", "experimental_autograph_options")


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


def transform(fn, ctx) -> object:
    """Only for decorated functions (`lower_function` asks)."""
    rewrite_decorators(fn, ctx.ctx)
    return fn
