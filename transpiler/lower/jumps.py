"""break / continue / return inside lowered loops, and early return from lowered ifs.

Before:                              After:
    while i < n:                         did_break = False
        if x[i] < 0:                     while not did_break and i < n:
            break                            if x[i] < 0:
        s += x[i]                                did_break = True
        i += 1                               else:
                                                 s += x[i]
                                                 i += 1
A jump at the end of an `if` branch is made structural by moving the rest of the block
into the branches that do not jump (`continue` then disappears); `break` becomes a flag
that the loop condition tests. `return` in a lowered loop becomes `return_value` +
`did_return` (a break), and `if did_return: return return_value` after the loop. At
function level, the code after an `if` that returns is moved into its other branch, so a
lowered `if` whose branches all return becomes `return tf.cond(...)`.
"""
from __future__ import annotations

import copy
from typing import List

import gast

from ..analysis.activity import expr_reads, invalidate, summarize
from ..analysis.tensorness import is_pure
from ..ground.anno import Anno, get, put
from ..ground.syntax import JUMPS as EXITS, LOOPS, always_exits, contains, map_blocks, walk, walk_body
from . import templates as T
from .common import (
    LowerContext,
    assign,
    decided,
    flag,
    is_dispatched,
    is_lowered,
    none_of,
)

JUMPS = (gast.Break, gast.Continue)


def restructure(stmts: List, kinds: tuple, state: LowerContext) -> List:
    """Move the statements after an `if` that may jump into its non-jumping branches."""
    out = []
    for i, stmt in enumerate(stmts):
        if isinstance(stmt, kinds):
            out.append(stmt)
            return out  # the rest is dead code
        if isinstance(stmt, gast.If) and contains([stmt], kinds, into_loops=False):
            rest = stmts[i + 1:]
            if always_exits([stmt], kinds):
                rest = []  # every branch jumps: what follows is dead code, as in eager Python
            elif rest:
                _mark_maybe_python(rest, summarize(stmt).writes)
                body_open = not always_exits(stmt.body, kinds)
                else_open = not always_exits(stmt.orelse, kinds)
                if body_open:
                    stmt.body = stmt.body + (copy.deepcopy(rest) if else_open else rest)
                if else_open:
                    stmt.orelse = stmt.orelse + rest
                rest = []
            stmt.body = restructure(stmt.body, kinds, state)
            stmt.orelse = restructure(stmt.orelse, kinds, state)
            invalidate(stmt)
            out.append(stmt)
            if not rest:
                return out
            continue
        if isinstance(stmt, LOOPS) and contains(stmt.orelse, kinds, into_loops=False):
            if not contains(stmt.body, (gast.Break,), into_loops=False):
                # `for ...: body else: E` with no break of its own: E always runs after the
                # loop, so it is code after the loop (and its jumps move what follows)
                orelse, stmt.orelse = stmt.orelse, []
                invalidate(stmt)
                return out + [stmt] + restructure(orelse + stmts[i + 1:], kinds, state)
            if i + 1 < len(stmts):
                _jump_error(stmt, kinds, state, stmt.orelse)
        if isinstance(stmt, (gast.With, gast.Try, gast.TryStar)) and contains([stmt], kinds, into_loops=False):
            stmt.body = restructure(stmt.body, kinds, state)
            if isinstance(stmt, gast.Try) and always_exits(stmt.finalbody, kinds):
                # a `finally` that always jumps is the block's tail (lower/finally_returns.py)
                stmt.finalbody = restructure(stmt.finalbody, kinds, state)
                invalidate(stmt)
                out.append(stmt)
                return out
            if i + 1 < len(stmts) and not always_exits(stmt.body, kinds):
                _jump_error(stmt, kinds, state)
        out.append(stmt)
    return out


def drop_dead_code(stmts: List, dropped_writes: set) -> List:
    """The statements after one that always jumps (`break`, `continue`, `return`, `raise`, or
    an `if` whose every branch does) never run: drop them, in every block, before any
    lowering reads them (a `return` there would otherwise become flags nothing sets). The
    caller drops the cached summaries (`invalidate`); `dropped_writes` gets the names the
    dropped code assigned (the analysis counted them, so a condition on them may be Python)."""
    out = []
    for i, stmt in enumerate(stmts):
        if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)):
            map_blocks(stmt, lambda b: drop_dead_code(b, dropped_writes))
        out.append(stmt)
        if always_exits([stmt], EXITS):
            dropped_writes.update(*(summarize(s).writes for s in stmts[i + 1:]))
            break
    return out


def mark_maybe_python(stmts: List, written) -> None:
    _mark_maybe_python(stmts, written)


def _mark_maybe_python(stmts: List, written) -> None:
    """Code moved into the branches of an `if` no longer sees the values after the `if` (a
    tf.cond's outputs, or the join of a Python `if` whose other branch made a Tensor) but the
    branch's own, which may be Python: a condition the analysis found to be a Tensor after
    the `if` may be a Python bool there (common.as_predicate)."""
    for stmt in stmts:
        for n in walk(stmt):
            test = n.test if isinstance(n, (gast.If, gast.IfExp, gast.While)) else (
                n.values[0] if isinstance(n, gast.BoolOp) else None)
            if test is not None and expr_reads(test) & written:  # only the if's outputs differ
                put(test, Anno.MAYBE_PYTHON, True)


def _jump_error(node, kinds, state, block=None):
    """AGX105 at the block; its jumps are marked reported (the `if` holding them says nothing more)."""
    what = "return" if gast.Return in kinds else "break/continue"
    where = f"the `else` of a `{type(node).__name__.lower()}` that has its own `break`" if block is not None \
        else f"`{type(node).__name__.lower()}`"
    state.sink.error("AGX105", f"`{what}` inside {where} within tensor "
                     "control flow cannot be lowered when code follows the block", node,
                     help="move the jump out of the block, or restructure with a flag variable" + (
                     " (a `return` in a `try` or `with` is lowered when the function ends with "
                     "`return <expression>` and an expression without indexing, division or calls "
                     "other than element-wise and reduction TensorFlow ops can initialise the "
                     "returned value before the block)" if what == "return" else ""))
    for n in walk_body(node.body if block is None else block, into_loops=False):
        if isinstance(n, kinds):
            put(n, Anno.REPORTED, True)


def drop_continues(stmts: List) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, gast.Continue):
            continue
        if isinstance(stmt, (gast.If, gast.With)):
            stmt.body = drop_continues(stmt.body) or [gast.Pass()]
            if isinstance(stmt, gast.If):
                stmt.orelse = drop_continues(stmt.orelse)
        elif isinstance(stmt, LOOPS):  # a nested loop's `else` continues this loop
            stmt.orelse = drop_continues(stmt.orelse)
        out.append(stmt)
    return out


def replace_breaks(stmts: List, flag_name: str) -> List:
    out = []
    for stmt in stmts:
        if isinstance(stmt, gast.Break):
            out.append(assign(get(stmt, Anno.FLAG, None) or flag_name, T.constant(True)))
            continue
        if isinstance(stmt, (gast.If, gast.With)):
            stmt.body = replace_breaks(stmt.body, flag_name)
            if isinstance(stmt, gast.If):
                stmt.orelse = replace_breaks(stmt.orelse, flag_name)
        elif isinstance(stmt, LOOPS):  # a nested loop's `else` breaks this loop
            stmt.orelse = replace_breaks(stmt.orelse, flag_name)
        out.append(stmt)
    return out


def restructure_continues(body: List, state: LowerContext) -> List:
    """`continue` under a Tensor `if` in a Python loop: the rest of the body moves under the
    `if` instead, so the loop itself can stay a Python (unrolled) loop."""
    return drop_continues(restructure(body, (gast.Continue,), state))


def lower_loop_jumps(loop, state: LowerContext) -> List:
    """A lowered loop with break/continue -> [flag init, loop(, if not flag: orelse)]."""
    before, after = [], []
    body = restructure(loop.body, JUMPS, state)
    breaks = [n for n in walk_body(body, into_loops=False) if isinstance(n, gast.Break)]
    break_flag = None
    if any(get(b, Anno.FLAG, None) is None for b in breaks):
        break_flag = state.namer.unique("did_break")
        before.append(assign(break_flag, T.constant(False)))
    flags = [break_flag] if break_flag else []
    for b in breaks:
        if get(b, Anno.FLAG, None) and get(b, Anno.FLAG) not in flags:
            flags.append(get(b, Anno.FLAG))
    body = replace_breaks(drop_continues(body), break_flag)
    loop.body = body or [gast.Pass()]
    put(loop, Anno.FLAGS, get(loop, Anno.FLAGS, []) + flags)
    if loop.orelse:
        if flags:
            after.append(flag_guard(flags, loop.orelse, loop, get(loop, Anno.DECISION), state,
                                    is_dispatched(loop)))
        else:
            after.extend(loop.orelse)
        loop.orelse = []
    invalidate(loop)
    return before + [loop] + after


def flag_guard(flags: List[str], body: List, loop, decision, state: LowerContext,
               dispatch: bool = False) -> gast.If:
    """`if not (flag or ...): body`, decided as a tf.cond (a dispatched one with `dispatch`)
    from `decision`, at `body[0]`'s position (the loop's when `body[0]` is generated)."""
    guard = gast.If(test=none_of(flags, state, dispatch), body=body, orelse=[])
    first = body[0]
    guard.lineno = getattr(first, "lineno", None) or loop.lineno
    guard.col_offset = getattr(first, "col_offset", None) or loop.col_offset
    decided(guard, decision, "tf.cond")
    d = get(guard, Anno.DECISION)
    d.construct, d.dispatch = "if", d.dispatch or dispatch
    return guard


def _reported(loop) -> None:
    """The loop's returns are explained by one diagnostic: later passes stay quiet on them."""
    for n in walk_body(loop.body):
        if isinstance(n, gast.Return):
            put(n, Anno.REPORTED, True)


def returns_in_loop(loop, rest: List, state: LowerContext):
    """`return E` inside a lowered loop -> flag + value; None (and a diagnostic) if unsupported."""
    inner = [n for n in walk_body(loop.body, into_loops=True) if isinstance(n, LOOPS)]
    if any(contains(n.body, (gast.Return,), True) for n in inner):
        state.sink.error("AGX104", "`return` inside nested tensor loops is not supported", loop,
                         help="set a result variable and `break` out of each loop instead")
        return _reported(loop)
    final = rest[-1] if rest else None
    if not (isinstance(final, gast.Return) and final.value is not None and is_pure(final.value)):
        state.sink.error(
            "AGX104", "`return` inside a tensor loop needs the function to end with "
            "`return <simple expression>` after the loop (it gives the result's type)", loop,
            help="keep the result in a variable defined before the loop and `break`")
        return _reported(loop)
    did_return, value = state.namer.unique("did_return"), state.namer.unique("return_value")

    def rewrite(stmts):
        out = []
        for stmt in stmts:
            if isinstance(stmt, gast.Return):
                out.append(assign(value, stmt.value or T.constant(None)))
                brk = gast.Break()  # becomes `did_return = True`
                gast.copy_location(brk, stmt)  # where it is (try_jumps orders jumps and `if`s by it)
                put(brk, Anno.FLAG, did_return)
                out.append(brk)
                continue
            if isinstance(stmt, (gast.If, gast.With, gast.Try)):  # a `try`'s jumps: try_jumps.py
                map_blocks(stmt, rewrite)
            out.append(stmt)
        return out

    loop.body = rewrite(loop.body)
    init = [assign(did_return, T.constant(False)), assign(value, copy.deepcopy(final.value))]
    check = gast.If(test=flag(did_return), body=[gast.Return(value=T.name(value))], orelse=[])
    check.lineno, check.col_offset = loop.lineno, loop.col_offset
    decided(check, get(loop, Anno.DECISION), "tf.cond").construct = "if"
    get(check, Anno.DECISION).reason = "returns early when the loop returned"
    put(check, Anno.LINE_TEXT, "return the value set by an early `return` in the loop")
    invalidate(loop)
    return init, check


def lower_returns(body: List, state: LowerContext) -> List:
    """Function level: loops that return, then if-return restructuring."""
    out = list(body)
    i = 0
    while i < len(out):
        stmt = out[i]
        if isinstance(stmt, LOOPS) and is_lowered(stmt) and contains(stmt.body, (gast.Return,), True):
            res = returns_in_loop(stmt, out[i + 1:], state)
            if res is not None:
                init, check = res
                put(init[0], Anno.COMMENT, get(stmt, Anno.COMMENT, []))  # comments stay on top
                put(stmt, Anno.COMMENT, [])
                out[i:i + 1] = init + [stmt, check]
                i += len(init) + 1
        i += 1
    needs = any(
        (isinstance(n, gast.If) and is_lowered(n) and contains(n.body + n.orelse, (gast.Return,), True))
        for n in walk_body(out))
    if not needs:
        return out
    if not always_exits(out, (gast.Return,)):
        out.append(gast.Return(value=None))
    return restructure(out, (gast.Return,), state)
