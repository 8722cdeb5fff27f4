"""Target tf2: the lowered functions as `@tf.function(..., autograph=False)` drop-ins.

Before:                                  After:
    @tf.function                             @tf.function(autograph=False)
    def f(x):                                def f(x):
        if x > 0:                                # line 3: if x > 0:
            x = -x                               def if_true():
        return x                                     return -x
                                                 ...
                                                 x = tf.cond(x > 0, if_true, lambda: x)
                                                 return x

Ordering: explicit control dependencies only where a lowered branch or loop body has side
effects (`lower/order_tf2.py`); functions with nothing to lower keep their text.
"""
from __future__ import annotations

from ..lower.order_tf2 import module_variables, order_effects
from .base import ModuleJob, Target


class Tf2Target(Target):
    name = "tf2"
    keeps_unlowered_text = True

    def check(self, job: ModuleJob) -> None:
        self.variables = module_variables(job.analysis.parsed.tree, job.state)

    def lowered(self, job: ModuleJob, selected, fn) -> None:
        order_effects(fn, job.state, self.variables, selected.decorated)
