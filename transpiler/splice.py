"""Minimal-diff text of a converted function: copy what the lowering left alone, print the rest.

Before: the analysed function (its source text) and its lowered copy.
After:  the lowered copy's text, where every statement equal to the one written at the same
        place is copied from the input (formatting, comments, blank lines, quoting kept),
        re-indented by whole levels when it moved into a generated block; a compound
        statement whose header is unchanged keeps its header text and has its body done the
        same way; generated statements are printed by `emit.skeleton_source` in the block's
        indentation unit and wrapped at the line length (`ground/wrap.py`).

    @tf.function                          @tf.function(autograph=False)
    def f(x):                             def f(x):
      y = x * 2  # double                   y = x * 2  # double
                                    ->
      if y > 0:                             # line 5: if y > 0:
        y = -y                              def if_true():
      return y                                y = -y
                                              return y
                                            y = tf.cond(y > 0, if_true, lambda: y)
                                            return y
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional

import gast

from .emit import BLOCK_LINE, skeleton_source, skeleton_sources, statement_source
from .ground.anno import Anno, get
from .ground.layout import indent_unit, leading
from .ground.printer import expr_source
from .ground.syntax import copy_tree, nodes
from .ground.tfapi import is_tf_function
from .ground.wrap import wrap
from .lower.decorators import without_autograph
from .sourcetext import char_col, key, node_source, offset_in, string_lines

_LINE_COMMENT = re.compile(r"^# line (\d+): ")
_REGIONS = {gast.If: ("body", "orelse"), gast.For: ("body", "orelse"), gast.AsyncFor: ("body", "orelse"),
            gast.While: ("body", "orelse"), gast.With: ("body",), gast.AsyncWith: ("body",),
            gast.FunctionDef: ("body",), gast.AsyncFunctionDef: ("body",), gast.ClassDef: ("body",),
            gast.Try: ("body", "handlers", "orelse", "finalbody")}


def same(a, b) -> bool:
    """Structural equality of two trees, source positions and annotations aside."""
    if type(a) is not type(b):
        return False
    if isinstance(a, gast.AST):
        return all(same(getattr(a, f, None), getattr(b, f, None)) for f in a._fields)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


class FunctionText:
    """The text of one function's replacement statements (see the module docstring)."""

    def __init__(self, parsed, original, attached: Dict, limit: int, ctx):
        self.lines, self.strings, self.own = parsed.lines, parsed.string_lines, parsed.own_line_comments
        self.index = {key(n): n for n in nodes(original) if isinstance(n, gast.stmt)}
        self.on_line = {}
        for n in self.index.values():
            self.on_line.setdefault(n.lineno, n)
        self.attached, self.limit, self.ctx = attached, limit, ctx
        self.unit = _unit_of(original, self.lines)

    # -- statements ------------------------------------------------------------------------
    def text(self, stmts, indent: str) -> str:
        parts = ["\n".join(self.statement(s, indent, top=True)) + "\n" for s in stmts]
        return "\n\n".join(parts)

    def block(self, stmts, indent: str) -> List[str]:
        """A statement list: copied text where it can be, the generated statements printed
        together (one astor call for the block)."""
        parts, pending, i = [], [], 0
        while i < len(stmts):
            last = self._one_line_run(stmts, i)
            if last > i:  # `a = 1; b = 2`, unchanged: the line as written
                first = self.index[key(stmts[i])]
                end = self.index[key(stmts[last])]
                parts.append(self._copy(self._trivia_start(first, stmts[i]), end.end_lineno, first, indent))
                i = last + 1
                continue
            copied = self._copied(stmts[i], indent)
            if copied is None and not isinstance(stmts[i], gast.Match):
                pending.append(stmts[i])
            parts.append(copied if copied is not None else stmts[i])
            i += 1
        printed = {}
        if pending:
            texts, blocks = skeleton_sources(pending)
            printed = {id(n): (t, blocks) for n, t in zip(pending, texts)}
        out = []
        for part in parts:
            if isinstance(part, list):
                out += part
            elif id(part) in printed:
                out += self._generated(part, indent, printed[id(part)])
            else:
                out += self._generated(part, indent)
        return out

    def _one_line_run(self, stmts, i: int) -> int:
        """The index of the last of unchanged statements from `i` that share their lines
        (`a = 1; b = 2`), or `i` when there is no such run."""
        orig = self.index.get(key(stmts[i]))
        if orig is None or not self._starts_line(orig) or self._ends_line(orig) or not same(stmts[i], orig):
            return i
        for k in range(i + 1, len(stmts)):
            nxt = self.index.get(key(stmts[k]))
            if nxt is None or nxt.lineno != orig.end_lineno or not same(stmts[k], nxt):
                return i
            if self._ends_line(nxt):
                return k
            orig = nxt
        return i

    def statement(self, node, indent: str, top: bool = False, as_elif: bool = False) -> List[str]:
        """The lines of one statement (`as_elif`: an `elif` clause that stays one)."""
        copied = self._copied(node, indent, top, as_elif)
        return copied if copied is not None else self._generated(node, indent)

    def _copied(self, node, indent: str, top: bool = False, as_elif: bool = False) -> Optional[List[str]]:
        """The statement's lines taken from the input, or None when it must be printed."""
        orig = self.index.get(key(node))
        if orig is not None and self._starts_line(orig):
            if same(node, orig) and self._ends_line(orig):
                text = self._copy(_span_start(orig) if top else self._trivia_start(orig, node),
                                  orig.end_lineno, orig, indent)
            else:
                text = self._compound_text(node, orig, indent, top)
            if text is not None:
                if isinstance(orig, gast.If) and not as_elif and self._is_elif(orig):
                    _elif_to_if(text)  # an `elif` the lowering moved out of its chain
                return self._extras(node, orig, indent) + text
        return None

    def _own_lines(self, orig) -> bool:
        """The statement starts its first line and ends its last one (no `a; b`)."""
        return self._starts_line(orig) and self._ends_line(orig)

    def _starts_line(self, orig) -> bool:
        return not self.lines[orig.lineno - 1].encode()[:orig.col_offset].strip()

    def _ends_line(self, orig) -> bool:
        last = self.lines[orig.end_lineno - 1].encode()[orig.end_col_offset:].strip()
        return not last or last.startswith(b"#")

    def _extras(self, node, orig, indent) -> List[str]:
        """Comments the lowering moved onto a copied statement (printed above it)."""
        mine = list(self.attached.get(key(orig), ()))
        out = []
        for c in get(node, Anno.COMMENT, None) or ():
            if c in mine:
                mine.remove(c)
            else:
                out.append(indent + c)
        return out

    # -- copied text -----------------------------------------------------------------------
    def _trivia_start(self, orig, node=None) -> int:
        """The first of the blank and comment-only lines just above `orig`; its comments are
        left out when the lowering moved them away from the statement."""
        line = orig.lineno
        while line > 1 and self._trivia(line - 1):
            line -= 1
        if node is not None and self.attached.get(key(orig)):
            kept = get(node, Anno.COMMENT, None) or []
            if not all(c in kept for c in self.attached[key(orig)]):
                return orig.lineno
        return line

    def _trivia(self, line: int) -> bool:
        return line in self.own or (line not in self.strings and not self.lines[line - 1].strip())

    def _copy(self, first: int, last: int, orig, indent: str, src: Optional[str] = None) -> List[str]:
        """Lines first..last, moved from the statement's indentation to `indent`."""
        src = leading(self.lines[orig.lineno - 1]) if src is None else src
        chunk = self.lines[first - 1:last]
        if src == indent:
            return list(chunk)
        out = []
        for number, text in enumerate(chunk, first):
            if number in self.strings:
                out.append(text)
            elif not text.strip():
                out.append("")
            elif text.startswith(src):
                out.append(indent + text[len(src):])
            else:
                out.append(text)
        return out

    def _compound_text(self, node, orig, indent, top) -> Optional[List[str]]:
        """Header and clause lines copied, bodies done statement by statement; None when
        the header changed (or the layout is one this cannot follow)."""
        fields = _REGIONS.get(type(node))
        if fields is None or not self._header_same(node, orig, fields):
            return None
        regions = []  # (original statements, new statements), in source order
        for f in fields:
            if f == "handlers":
                regions += [(h.body, g.body) for h, g in zip(orig.handlers, node.handlers)]
            elif getattr(orig, f):
                regions.append((getattr(orig, f), getattr(node, f)))
        src = leading(self.lines[orig.lineno - 1])
        start = _span_start(orig) if top else self._trivia_start(orig, node)
        out, previous = [], None
        for old, new in regions:
            first = old[0]
            if previous is not None and isinstance(orig, gast.If) and old is orig.orelse and self._is_elif(first):
                out += self._elif(new, first, indent, src)
                break
            if first.lineno <= (previous.end_lineno if previous else orig.lineno) or not self._starts_line(first) \
                    or (previous is not None and not self._ends_line(previous)):
                return None
            head_end = self._trivia_start(first) - 1
            head_start = start if previous is None else previous.end_lineno + 1
            out += self._copy(head_start, head_end, orig, indent, src)
            inner = indent + indent_unit(src, leading(self.lines[first.lineno - 1]), self.unit)
            out += self.block(new, inner)
            previous = old[-1]
        if isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            edited = self.decorators(node, orig, out, start, src, indent)
            if edited is None:
                return None
        return out

    def _is_elif(self, node) -> bool:
        line = self.lines[node.lineno - 1]
        return line[char_col(line, node.col_offset):].startswith("elif")

    def _elif(self, new, first, indent, src) -> List[str]:
        """The `elif` clause as written when it is still a Python `if`; else `else:` and
        the new statements in a block under it."""
        if len(new) == 1 and key(new[0]) == key(first) and self._starts_line(first):
            text = self.statement(new[0], indent, as_elif=True)
            head = next((line.lstrip() for line in text if line.strip() and not line.lstrip().startswith("#")), "")
            if head.startswith("elif"):
                return text
        return [indent + "else:"] + self.block(new, indent + self.unit)

    def _header_same(self, node, orig, fields) -> bool:
        for f in node._fields:
            if f in fields or f == "decorator_list":
                continue
            if not same(getattr(node, f, None), getattr(orig, f, None)):
                return False
        for f in fields:
            if f == "handlers":
                if len(node.handlers) != len(orig.handlers) or not all(
                        same(a.type, b.type) and same(a.name, b.name) and a.body and b.body
                        for a, b in zip(node.handlers, orig.handlers)):
                    return False
            elif bool(getattr(node, f)) != bool(getattr(orig, f)):
                return False
        return len(getattr(node, "decorator_list", ())) == len(getattr(orig, "decorator_list", ()))

    def decorators(self, node, orig, out, start, src, indent):
        """Rewrite, in the copied header lines `out`, the decorators the lowering changed."""
        for new, old in sorted(zip(node.decorator_list, orig.decorator_list),
                               key=lambda p: (p[1].lineno, p[1].col_offset), reverse=True):
            if same(new, old):
                continue
            text = _decorator_text(new, old, self.lines, self.ctx)
            first, last = old.lineno - start, old.end_lineno - start
            head = out[first][:char_col(self.lines[old.lineno - 1], old.col_offset) + len(indent) - len(src)]
            tail = out[last][char_col(self.lines[old.end_lineno - 1], old.end_col_offset) + len(indent) - len(src):]
            joined = head + text + tail
            if "\n" not in joined and len(joined.expandtabs(4)) > self.limit:
                joined = "\n".join(wrap(joined.lstrip(), leading(joined), self.unit, self.limit))
            elif any(len(line.expandtabs(4)) > self.limit for line in joined.split("\n")):
                joined = head + _decorator_text(new, old, self.lines, self.ctx, _arg_column(old, self.lines)) + tail
            out[first:last + 1] = joined.split("\n")
        return out

    # -- generated text --------------------------------------------------------------------
    def _generated(self, node, indent: str, printed=None) -> List[str]:
        out = self._comments(node, indent)
        if isinstance(node, gast.Match):
            text, blocks = statement_source(node), []
        else:
            text, blocks = printed or skeleton_source(node)
        strings = string_lines(text) if ("'''" in text or '"""' in text) else set()
        for number, line in enumerate(text.strip("\n").split("\n"), 1):
            if number in strings:
                out.append(line)
                continue
            m = BLOCK_LINE.match(line)
            depth = (len(line) - len(line.lstrip(" "))) // 4
            here = indent + self.unit * depth
            if m:
                out.extend(self.block(blocks[int(m.group(2))], here))
            elif line.strip():
                out.extend(wrap(line.strip(), here, self.unit, self.limit))
        return out

    def _comments(self, node, indent: str) -> List[str]:
        """The comments on a generated statement; above the `# line N:` one, the blank lines
        and comments written above statement N, as they were written."""
        comments = list(get(node, Anno.COMMENT, None) or ())
        at = next((i for i, c in enumerate(comments) if _LINE_COMMENT.match(c)), None)
        if at is not None:
            orig = self.on_line.get(int(_LINE_COMMENT.match(comments[at]).group(1)))
            if orig is not None:
                first = self._trivia_start(orig)
                trivia = [self.lines[n - 1].strip() for n in range(first, orig.lineno) if n in self.own]
                if comments[:len(trivia)] == trivia and first < orig.lineno:
                    return self._copy(first, orig.lineno - 1, orig, indent) + \
                        [indent + c for c in comments[len(trivia):]]
        return [indent + c for c in comments]


def _elif_to_if(lines: List[str]) -> None:
    """`elif c:` -> `if c:` on the header line (the first line that is not a comment)."""
    for i, line in enumerate(lines):
        body = line.lstrip()
        if body and not body.startswith("#"):
            if body.startswith("elif"):
                lines[i] = line[:len(line) - len(body)] + body[2:]
            return


def _span_start(fn) -> int:
    return min([d.lineno for d in getattr(fn, "decorator_list", ())] + [fn.lineno])


def _unit_of(fn, lines) -> str:
    """The indentation one level adds in `fn` (its body's, else the first nested block's)."""
    outer = leading(lines[fn.lineno - 1])
    for stmt in fn.body:
        if stmt.lineno > fn.lineno:
            return indent_unit(outer, leading(lines[stmt.lineno - 1]))
    return "    "


def _arg_column(call, lines) -> Optional[str]:
    """The indentation of a multi-line call's argument lines (its first argument's column)."""
    args = list(getattr(call, "args", [])) + [k.value for k in getattr(call, "keywords", [])]
    if not args:
        return None
    first = min(args, key=lambda a: (a.lineno, a.col_offset))
    if first.lineno == call.lineno:
        line = lines[first.lineno - 1]
        keyword = next((k for k in call.keywords if k.value is first and k.arg), None)
        col = char_col(line, first.col_offset) - (len(keyword.arg) + 1 if keyword else 0)
        return " " * max(col, 0)
    return leading(lines[first.lineno - 1])


def _decorator_text(new, old, lines, ctx, own_line: Optional[str] = None) -> str:
    """`@tf.function` -> `tf.function(autograph=False)`, other arguments as written;
    a decorator changed some other way is printed again. With `own_line` (an indentation),
    `autograph=False` goes on a line of its own (a multi-line call that would get too long)."""
    if not is_tf_function(old, ctx) or not same(without_autograph(copy_tree(old)), new) or any(
            k.arg == "experimental_autograph_options" for k in getattr(old, "keywords", [])):
        return expr_source(new)  # changed otherwise, or an option dropped (AGX420): printed again
    text = node_source(old, lines)
    if not isinstance(old, gast.Call):
        return text + "(autograph=False)"
    base = (old.lineno, old.col_offset)
    for kw in old.keywords:
        if kw.arg == "autograph":
            a, b = offset_in(text, base, lines, kw.value, False), offset_in(text, base, lines, kw.value, True)
            return text[:a] + "False" + text[b:]
    args = list(old.args) + [k.value for k in old.keywords]
    if not args:
        return text[:text.rindex(")")] + "autograph=False)"
    last = max(args, key=lambda a: (a.end_lineno, a.end_col_offset))
    end = offset_in(text, base, lines, last, True)
    rest = text[end:]
    if rest.lstrip().startswith(",") and "\n" in rest:  # one argument a line, trailing comma
        eol = end + rest.index("\n")  # after the argument's line (and its comment)
        return text[:eol] + "\n" + leading(lines[last.lineno - 1]) + "autograph=False," + text[eol:]
    if own_line is not None:
        return text[:end] + ",\n" + own_line + "autograph=False" + text[end:]
    return text[:end] + ", autograph=False" + text[end:]


