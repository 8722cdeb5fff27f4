"""What the tf1 target refuses of tf.data: a Session runner cannot take a dataset or an
iterator built outside its graph (AGX506), and a TF1 graph cannot make a Python-style
iterator (`iter(ds)`), so loops and `next()` over one are refused (AGX111). A dataset built
inside the graph and iterated without `break`/`return` is a `Dataset.reduce`, which tf1 runs.

Before: the analysed function (decisions attached).  After: diagnostics in the sink only.
"""
from __future__ import annotations

import gast

from ..ground.syntax import walk
from ..analysis.decisions import Sort, Source
from ..analysis.kinds import EITHER_ITERATOR as EITHER
from ..analysis.loops import DATASET_WHILE, ITERATOR_WHILE
from ..ground.anno import Anno, get


def refuse(sink, target, info, runner: bool) -> None:
    if runner:
        for p in info.params:
            if p.sort in (Sort.DATASET, Sort.ITERATOR) and p.source is not Source.RECEIVER \
                    and EITHER not in p.reason:  # `next(it)` alone: maybe a Python iterator
                sink.error("AGX506", f"`{target.qualname}` takes `{p.name}`, a tf.data {p.sort.value} "
                           f"({p.reason}): a TF1 Session runner cannot take one (it is built outside "
                           "the runner's graph)", target.node,
                           help="build the dataset inside the function, or convert with --target tf2")
    for node in walk(target.node):
        d = get(node, Anno.DECISION)
        if d is None:
            continue
        if isinstance(node, gast.For) and d.lowered_to in (DATASET_WHILE, ITERATOR_WHILE):
            why = "with `break`/`return`" if d.lowered_to == DATASET_WHILE else "over an iterator"
            sink.error("AGX111", f"a `for` {why} needs a tf.data iterator (a `tf.while_loop` over "
                       "`get_next_as_optional()`), which a TF1 graph cannot make", node,
                       help="convert with --target tf2, or stop early with `ds.take(n)` / "
                       "`ds.take_while(...)` (a loop without break/return is a Dataset.reduce)")
        elif isinstance(node, gast.Call) and d.construct == "next" and not d.dispatch:
            sink.error("AGX111", "`next()` of a tf.data iterator: a TF1 graph cannot make the "
                       "iterator (`iter(ds)`)", node, help="convert with --target tf2, or use "
                       "`ds.take(1).get_single_element()`")
