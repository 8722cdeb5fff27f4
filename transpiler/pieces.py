"""A large file converted in pieces, so that memory is bounded by a piece, not the file.

Before: module text larger than `PIECE_BYTES` (Python's `ast` tree alone takes ~150 bytes a
        byte of source: a whole 50 MB file does not parse in 3 GiB).
After:  the text whole-file conversion gives, byte for byte, or None (the caller converts the
        file whole) when the file does not split into independent pieces.

Pass 1 parses the file a chunk of top-level statements at a time (never whole) and keeps, per
statement, its lines, the names it binds and the identifiers it mentions. Imports, and the
module-level statements that mention nothing a def, a class or another such statement binds,
are the *context*: every piece holds them. The other statements are grouped, transitively, by
the names they share (a call, a method name, a module-level use), and the groups packed into
pieces of about `PIECE_BYTES`. Pass 2 converts each piece as a module of its own: the file's
text with the lines of the other pieces blanked (so every line number, and every diagnostic's,
is the file's), with the file's identifiers (for fresh names) and TensorFlow names
(`Summary`). The pieces' edits are spliced into the file once; the dispatch helpers and tf1's
runtime, emitted once a module, are joined into one prelude, and `import tensorflow as tf` is
added once. Each piece's output goes through the safety net on its own (api.convert_piece).
"""
from __future__ import annotations

import ast
import bisect
import dataclasses
import gc
from typing import Callable, Dict, List, Optional, Set, Tuple

import gast

from .diagnostics import TranspileError
from .driver import add_tf_import, splice, tf_import_line
from .ground.convert import ast_to_gast
from .ground.lines import split_lines
from .ground.tfapi import TFNames
from .targets.base import dispatch_text

PIECE_BYTES = 2_000_000  # files above this size are converted in pieces of about this size
_DEFS = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)
_MAX_CHUNK = 8  # a chunk that does not parse is extended by whole chunks, at most this many times


@dataclasses.dataclass
class Summary:
    """What a piece needs of the whole file besides its context statements."""
    tf: TFNames
    identifiers: Set[str]


@dataclasses.dataclass
class Statement:
    first: int  # the first line of its region (the blank and comment lines above it included)
    start: int  # its first line (a decorator's)
    end: int
    kind: str   # "import", "def" (a def or a class) or "other"
    binds: frozenset
    refs: frozenset
    size: int = 0  # characters of its region
    lead: bool = False  # a docstring or `from __future__` (`import tensorflow as tf` goes below)


class _Statements(list):
    """The statements, with their first lines (for bisect)."""

    def __init__(self, stmts):
        super().__init__(stmts)
        self.firsts = [s.first for s in stmts]


@dataclasses.dataclass
class PieceResult:
    edits: list
    chosen: bool
    lowered: bool  # a function was lowered (the dispatch helpers go above the first one)
    dispatch: Tuple[int, Dict[str, str], str]  # (line, role -> name, TensorFlow alias)
    own: List[Tuple[int, str]]                 # the target's other preludes
    diagnostics: list


def convert(source: str, run: Callable, piece_bytes: int = PIECE_BYTES):
    """(code, diagnostics) of converting `source` piece by piece, or None. `run(text, summary,
    lines)` converts one piece's text (api.convert_piece) and returns a `PieceResult`."""
    lines = split_lines(source, keepends=True)
    found = _statements(lines, piece_bytes)
    if found is None:
        return None
    stmts, summary, import_at = found
    stmts = _Statements(stmts)
    plan = _pieces(stmts, len(lines), piece_bytes)
    if plan is None:
        return None
    context, pieces = plan
    results, errors = [], []
    for piece in pieces:
        own = sorted(context | piece)
        try:
            result = run(_masked(lines, stmts, own), summary)
            gc.collect()  # a piece's trees are cyclic garbage: freed now, not after a few pieces more
        except TranspileError as exc:
            errors += [d for d in exc.diagnostics if _keep(d, stmts, piece, errors)]
            continue
        if not all(_line_in(stmts, piece, span[0], span[1]) for span, _, _ in result.edits):
            return None  # an edit outside its own statements: the piece is not independent
        result.diagnostics = [d for d in result.diagnostics if _keep(d, stmts, piece, errors + [
            x for r in results for x in r.diagnostics])]
        results.append(result)
    if errors:
        raise TranspileError(errors, source)
    return _join(source, lines, results, summary, import_at)


def _join(source, lines, results, summary, import_at):
    edits = [e for r in results for e in r.edits]
    names, anchors, alias = {}, [], "tf"
    for r in results:
        at, used, alias = r.dispatch
        for role, name in used.items():
            if names.setdefault(role, name) != name:
                return None
        if r.lowered:
            anchors.append(at)
    if names:
        edits.append(((min(anchors), min(anchors) - 1), 0, dispatch_text(alias, names, [l.rstrip("\r\n") for l in lines])))
    owns = [r.own for r in results if r.own]
    if owns:
        if any([t for _, t in own] != [t for _, t in owns[0]] for own in owns):
            return None
        at = min(own[0][0] for own in owns)
        edits += [((at, at - 1), 0, text) for _, text in owns[0]]
    out = splice(source, edits)
    if any(r.chosen for r in results) and not summary.tf.modules:
        out = add_tf_import(out, import_at)
    return out, [d for r in results for d in r.diagnostics]


def _keep(diag, stmts, piece, seen) -> bool:
    """A piece's diagnostic about its own statements; one about the context (every piece
    holds it) only once."""
    if _line_in(stmts, piece, diag.line, diag.line):
        return True
    return not any(d.code == diag.code and d.line == diag.line and d.col == diag.col
                   and d.message == diag.message for d in seen)


def _line_in(stmts, piece, line: int, end: int) -> bool:
    """Lines `line`..`end` are inside one of the piece's statements."""
    i = bisect.bisect_right(stmts.firsts, line) - 1
    return i in piece and end <= stmts[i].end


def _masked(lines, stmts, own) -> str:
    """The file's text with every line of a statement not in `own` blank."""
    out, line = [], 1
    for i in own:
        s = stmts[i]
        out.append("\n" * (s.first - line))
        out.append("".join(lines[s.first - 1:s.end]))
        line = s.end + 1
    out.append("\n" * (stmts[-1].end + 1 - line))
    out.append("".join(lines[stmts[-1].end:]))  # the lines after the last statement: in every piece
    return "".join(out)


# -- pass 1: the statements, chunk by chunk --------------------------------------------------
def _statements(lines, piece_bytes):
    """([Statement], Summary, the line `import tensorflow as tf` would follow), or None."""
    stmts: List[Statement] = []
    summary = Summary(TFNames(), set())
    cuts = _cuts(lines, piece_bytes)
    i = 0
    while i < len(cuts) - 1:
        for j in range(i + 1, min(i + 1 + _MAX_CHUNK, len(cuts))):
            try:
                tree = ast.parse("".join(lines[cuts[i]:cuts[j]]))
                break
            except SyntaxError:
                continue
        else:
            return None  # the whole file decides (a syntax error is reported where it is)
        gtree = ast_to_gast(tree)
        for node in gtree.body:
            if isinstance(node, gast.ImportFrom) and node.module == "__future__" and \
                    any(a.name == "barry_as_FLUFL" for a in node.names):
                return None
            _add(stmts, node, cuts[i], summary)
        i = j
    for s in stmts:
        s.size = sum(len(line) for line in lines[s.first - 1:s.end])
    if len(stmts) < 2:
        return None
    import_at = 0
    for s in stmts:
        if not s.lead:
            break
        import_at = s.end
    return stmts, summary, import_at


def _cuts(lines, piece_bytes) -> List[int]:
    """Line indexes where a chunk may start: a line at column 0 that is not a clause
    (`else:`), after about `piece_bytes` of text (pass 1 checks that it parses)."""
    cuts, size = [0], 0
    for index, line in enumerate(lines):
        if size >= piece_bytes and line[:1] not in ("", " ", "\t", "\f", "#", "\r", "\n", ")", "]", "}") \
                and not line.startswith(("else", "elif", "except", "finally")) \
                and not lines[index - 1].startswith("@") and not lines[index - 1].rstrip("\r\n").endswith("\\"):
            cuts.append(index)
            size = 0
        size += len(line)
    cuts.append(len(lines))
    return cuts


def _add(stmts, node, offset, summary) -> None:
    start = min([d.lineno for d in getattr(node, "decorator_list", ())] + [node.lineno]) + offset
    end = node.end_lineno + offset
    refs, binds = _names(node, summary)
    kind = "def" if isinstance(node, _DEFS) else "import" if isinstance(node, (gast.Import, gast.ImportFrom)) else "other"
    lead = tf_import_line(gast.Module(body=[node], type_ignores=[])) > 0
    if stmts and start <= stmts[-1].end:  # `a = 1; b = 2`: one region
        last = stmts[-1]
        kind = last.kind if last.kind == kind else "def" if "def" in (kind, last.kind) else "other"
        stmts[-1] = Statement(last.first, last.start, end, kind, last.binds | binds, last.refs | refs,
                              lead=last.lead and lead)
        return
    first = stmts[-1].end + 1 if stmts else 1
    stmts.append(Statement(first, start, end, kind, binds, refs, lead=lead))


def _names(node, summary):
    """(identifiers it mentions, as `naming.identifiers` reads them; names it binds at module
    level, a class's method names included). Adds to `summary` the file's names."""
    refs, binds = set(), set()
    for n in gast.walk(node):
        if isinstance(n, gast.Name):
            refs.add(n.id)
            if isinstance(n.ctx, gast.Store):
                binds.add(n.id)
        elif isinstance(n, _DEFS):
            refs.add(n.name)
        elif isinstance(n, gast.alias):
            refs.add((n.asname or n.name).split(".")[0])
        elif isinstance(n, gast.Attribute):
            refs.add(n.attr)
        if isinstance(n, gast.Import):
            summary.tf.modules.update(a.asname or "tensorflow" for a in n.names if a.name == "tensorflow")
        elif isinstance(n, gast.ImportFrom) and n.module in ("tensorflow", "tensorflow.compat.v2"):
            summary.tf.function_names.update(a.asname or "function" for a in n.names if a.name == "function")
    if isinstance(node, _DEFS):
        binds = {node.name}
        if isinstance(node, gast.ClassDef):
            binds |= {s.name for s in node.body if isinstance(s, _DEFS) and s.name != "__init__"}
    elif isinstance(node, (gast.Import, gast.ImportFrom)):
        binds = {(a.asname or a.name).split(".")[0] for a in node.names}
    summary.identifiers |= refs
    return frozenset(refs), frozenset(binds)


# -- grouping ----------------------------------------------------------------------------
def _pieces(stmts, line_count, piece_bytes):
    """(the context's statement indexes, [a piece's statement indexes]), or None."""
    free = {i for i, s in enumerate(stmts) if s.kind != "def"}
    bound = set().union(*[s.binds for s in stmts if s.kind == "def"])
    changed = True
    while changed:  # a statement that mentions what a def or such a statement binds is not context
        changed = False
        for i in sorted(free):
            if stmts[i].kind == "other" and stmts[i].refs & bound:
                free.discard(i)
                bound |= stmts[i].binds
                changed = True
    context = {i for i in free if stmts[i].kind == "import" or not (stmts[i].refs & bound)}
    if sum(stmts[i].size for i in context) > max(piece_bytes, PIECE_BYTES):
        return None  # too much module-level code to repeat in every piece
    parent = list(range(len(stmts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    binders: Dict[str, List[int]] = {}
    rest = [i for i in range(len(stmts)) if i not in context]
    for i in rest:
        for name in stmts[i].binds:
            binders.setdefault(name, []).append(i)
    for i in rest:
        for name in stmts[i].refs:
            for j in binders.get(name, ()):
                parent[root(i)] = root(j)
    groups: Dict[int, List[int]] = {}
    for i in rest:
        groups.setdefault(root(i), []).append(i)
    pieces, current, size = [], set(), 0
    for group in sorted(groups.values()):
        current |= set(group)
        size += sum(stmts[i].size for i in group)
        if size >= piece_bytes:
            pieces.append(current)
            current, size = set(), 0
    if current:
        pieces.append(current)
    return (context, pieces) if len(pieces) > 1 else None
