"""f-strings printed so that Python 3.8-3.11 can read them back.

astor prints an f-string as the `repr` of its text with the expressions already inside, so
`f'"{x["k"]}"'` comes back as `f'"{x[\\'k\\']}"'`: a backslash in the expression part, which
Python before 3.12 refuses. Here the expressions are printed on their own and the quote is
chosen among ' " ''' \"\"\" as one none of them contains; only the literal text is escaped.
"""
from __future__ import annotations

import ast

QUOTES = ("'", '"', "'''", '"""')


def _literal(text: str, quote: str) -> str:
    out = []
    for ch in text:
        if ch == "\\" or ch == quote[0]:
            out.append("\\" + ch)
        elif ch in "{}":
            out.append(ch * 2)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1])
    return "".join(out)


def _parts(node, expr_source, exprs: list) -> list:
    """[(is_literal, text)] of a JoinedStr; the expressions' texts are also added to `exprs`."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append((True, value.value))
            continue
        text = expr_source(value.value)
        if isinstance(value.value, (ast.Lambda, ast.NamedExpr)):
            text = f"({text})"
        elif text.startswith("{"):
            text = " " + text
        exprs.append(text)
        parts.append((False, "{" + text))
        if value.conversion != -1:
            parts.append((False, "!" + chr(value.conversion)))
        if value.format_spec is not None:
            parts.append((False, ":"))
            parts.extend(_parts(value.format_spec, expr_source, exprs))
        parts.append((False, "}"))
    return parts


def joined_str(node: ast.JoinedStr, expr_source):
    """The source of `node`, or None when every quote appears in some expression part."""
    exprs: list = []
    parts = _parts(node, expr_source, exprs)
    for quote in QUOTES:
        if not any(quote in e for e in exprs) and not (len(quote) == 1 and any("\n" in e for e in exprs)):
            body = "".join(_literal(t, quote) if lit else t for lit, t in parts)
            if len(quote) == 3 and body.endswith(quote[0]) and not body.endswith("\\" + quote[0]):
                body = body[:-1] + "\\" + quote[0]
            return "f" + quote + body + quote
    return None
