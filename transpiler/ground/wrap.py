"""Break a generated line the way black would, so no line passes the configured length.

Before (limit 40):                      After:
    x, y = tf.cond(p, if_true, if_false)    x, y = tf.cond(
                                                p, if_true, if_false
                                            )
Black's right-hand split: the last bracket pair whose opening line fits; its contents on
one line if they fit, else one item per line with a trailing comma, each item split the
same way; a right-hand side or return value without brackets gets parentheses. A line is
left long only when one token is longer than the limit.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

OPEN, CLOSE = "([{", ")]}"
_PRIORITIES = (" or ", " and ", " not in ", " in ", " is not ", " is ", " == ", " != ", " <= ",
               " >= ", " < ", " > ", " + ", " - ")


def wrap(text: str, indent: str, unit: str, limit: int) -> List[str]:
    """`indent + text` as lines no longer than `limit` where it can be split."""
    if _width(indent) + len(text) <= limit:
        return [indent + text]
    return _split(text, indent, unit, limit, 0, False)


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _scan(text: str) -> Optional[List[Tuple[int, str, int]]]:
    """(position, char, depth before it) of every bracket, comma, `=` and `:` outside
    strings, and the starts of `lambda` and `for`; None when a string does not close (not ours to split)."""
    out, depth, i, n = [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"":
            end = _string_end(text, i)
            if end > n:
                return None
            i = end
            continue
        if c == "#":
            return None
        if c in OPEN:
            out.append((i, c, depth))
            depth += 1
        elif c in CLOSE:
            depth -= 1
            out.append((i, c, depth))
        elif c in ",:=":
            out.append((i, c, depth))
        else:
            word = next((w for w in ("lambda", "for") if text.startswith(w, i)), None)
            if word and (i == 0 or not _ident(text[i - 1])) and (
                    i + len(word) >= n or not _ident(text[i + len(word)])):
                out.append((i, word, depth))
        i += 1
    return out


def _ident(c: str) -> bool:
    return c.isalnum() or c == "_"


def _pairs(marks) -> List[Tuple[int, int]]:
    """The bracket pairs at depth 0, as (opening position, closing position)."""
    pairs, stack = [], []
    for pos, c, _ in marks:
        if c in OPEN:
            stack.append(pos)
        elif c in CLOSE and stack:
            start = stack.pop()
            if not stack:
                pairs.append((start, pos))
    return pairs


def _items(text: str, marks) -> Tuple[List[str], bool]:
    """The comma-separated items of a bracket's contents (not the commas of lambda
    parameters), and whether it ended with a comma."""
    cuts, in_lambda = [], 0
    if any(c == "for" and not depth for _, c, depth in marks):
        return [text.strip()], False  # a comprehension is one item: its commas are its own
    for pos, c, depth in marks:
        if depth:
            continue
        if c == "lambda":
            in_lambda += 1
        elif c == ":" and in_lambda:
            in_lambda -= 1
        elif c == "," and not in_lambda:
            cuts.append(pos)
    items, start = [], 0
    for pos in cuts:
        items.append(text[start:pos].strip())
        start = pos + 1
    rest = text[start:].strip()
    if rest:
        items.append(rest)
    return items, bool(cuts) and not rest


def _split(text, indent, unit, limit, level, inside) -> List[str]:
    if _width(indent) + len(text) <= limit or level > 40:
        return [indent + text]
    marks = _scan(text)
    if marks is None:
        return [indent + text]
    if not inside:
        value = _keeps_parentheses(text, marks, _width(indent), limit)
        if value is not None:
            return _split(value, indent, unit, limit, level + 1, inside)
    pairs = [(o, c) for o, c in _pairs(marks) if text[o + 1:c].strip()]
    choice = next((p for p in reversed(pairs) if _width(indent) + p[0] + 1 <= limit), None)
    if choice is None:
        again = _parenthesize(text, marks)
        if again is not None:
            return _split(again, indent, unit, limit, level + 1, inside)
        if not pairs:
            return _by_operator(text, indent, unit, limit, level) if inside else [indent + text]
        choice = pairs[-1]
    start, end = choice
    head, body, tail = text[:start + 1], text[start + 1:end].strip(), text[end:]
    inner = indent + unit
    out = [indent + head.rstrip()]
    items, trailing = _items(body, _scan(body) or [])
    if _width(inner) + len(body) <= limit and not (trailing and len(items) > 1):
        out.append(inner + body)
    elif len(items) <= 1:
        out.extend(_split(body, inner, unit, limit, level + 1, True))
    else:
        for item in items:
            out.extend(_split(item + ",", inner, unit, limit, level + 1, True))
    out.extend(_split(tail, indent, unit, limit, level + 1, inside))
    return out


def _parenthesize(text: str, marks) -> Optional[str]:
    """`a, b = f(x)` -> `(a, b) = f(x)` (a target list too long for the opening line);
    `x = a + b` / `return a + b` -> parentheses around the value (black's invisible ones)."""
    eq = next((pos for pos, c, d in marks if c == "=" and d == 0 and text[pos - 1:pos] not in "=!<>+-*/%&|^@:"
               and text[pos + 1:pos + 2] != "="), None)
    if eq is not None:
        lhs, rhs = text[:eq].rstrip(), text[eq + 1:].strip()
        if any(c == "," and d == 0 and pos < eq for pos, c, d in marks) and not lhs.startswith("("):
            return f"({lhs}) = {rhs}"
        inner = _scan(rhs) if rhs else None
        if inner is not None and not (rhs[0] in OPEN and _closes_at_end(rhs)) \
                and (_pairs(inner) or _delimiters(rhs, inner)):
            return f"{lhs} = ({rhs})"
        return None
    if text.startswith("return ") and not _closes_at_end(text[7:].strip()):
        return f"return ({text[7:].strip()})"
    for word in ("if ", "elif ", "while "):
        test = text[len(word):-1].strip()
        if text.startswith(word) and text.endswith(":") and not _closes_at_end(test):
            return f"{word}({test}):"
    return None


def _keeps_parentheses(text: str, marks, width: int, limit: int) -> Optional[str]:
    """Black's invisible parentheses around a return value or assigned value stay when the
    value has two loosest delimiters (`return a, b, c`, `x = a + b + c`), or one and does not
    end in a bracket pair whose opening line fits: then `return (` ... `)`."""
    if text.startswith("return "):
        start = 7
    else:
        start = next((pos + 1 for pos, c, d in marks if c == "=" and d == 0
                      and text[pos - 1:pos] not in "=!<>:" and text[pos + 1:pos + 2] != "="), None)
        if start is None:
            return None
    value = text[start:].strip()
    inner = _scan(value)
    if not value or inner is None or _closes_at_end(value):
        return None
    count = _delimiters(value, inner)
    if count == 0:
        return None
    if count == 1:
        pairs = _pairs(inner)
        last = pairs[-1] if pairs else None
        if last and last[1] == len(value) - 1 and value[last[0] + 1:last[1]].strip() \
                and width + len(text) - len(value) + last[0] + 1 <= limit:
            return None
    return f"{text[:start].rstrip()} ({value})"


def _delimiters(value: str, marks) -> int:
    """How many of the loosest delimiters (commas, then `or`, `and`, comparisons, `+`/`-`)
    the value has outside brackets."""
    items, _ = _items(value, marks)
    if len(items) > 1:
        return len(items) - 1 + (1 if value.rstrip().endswith(",") else 0)
    for op in _PRIORITIES:
        count = sum(1 for i in _find_all(value, op) if _depth_at(marks, i) == 0)
        if count:
            return count
    return 0


def _closes_at_end(text: str) -> bool:
    marks = _scan(text)
    pairs = _pairs(marks) if marks else []
    return bool(pairs) and pairs[0][0] == 0 and pairs[-1][1] == len(text) - 1 and len(pairs) == 1


def _by_operator(text, indent, unit, limit, level) -> List[str]:
    """Contents without commas or brackets to split: break before the loosest operator."""
    marks = _scan(text) or []
    strings = _strings(text)
    for op in _PRIORITIES:
        cuts = [i for i in _find_all(text, op) if _depth_at(marks, i) == 0
                and not any(a <= i < b for a, b in strings)]  # never inside a string literal
        if cuts:
            parts, start = [], 0
            for i in cuts:
                parts.append(text[start:i].strip())
                start = i + 1
            parts.append(text[start:].strip())
            out = _split(parts[0], indent, unit, limit, level + 1, True)
            for part in parts[1:]:
                out.extend(_split(part, indent, unit, limit, level + 1, True))
            return out
    return [indent + text]


def _string_end(text: str, i: int) -> int:
    """Where the string literal starting at `i` ends (past its closing quote); beyond
    `len(text)` when it does not close."""
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j, n = i + len(quote), len(text)
    while j < n and not text.startswith(quote, j):
        j += 2 if text[j] == "\\" else 1
    return j + len(quote) if j < n else n + 1


def _strings(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each string literal in `text` (its quotes included)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] in "'\"":
            end = _string_end(text, i)
            out.append((i, min(end, n)))
            i = end
            continue
        i += 1
    return out


def _find_all(text: str, op: str):
    i = text.find(op)
    while i >= 0:
        yield i
        i = text.find(op, i + 1)


def _depth_at(marks, index: int) -> int:
    depth = 0
    for pos, c, _ in marks:
        if pos >= index:
            break
        depth += 1 if c in OPEN else -1 if c in CLOSE else 0
    return depth
