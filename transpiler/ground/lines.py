"""Lines as Python's tokenizer sees them: ended by `\\n`, `\\r` or `\\r\\n` only.

`str.splitlines` also splits at form feed, `\\v`, `\\x1c`-`\\x1e`, U+0085, U+2028 and U+2029,
which Python treats as ordinary characters (a form feed is whitespace, the others may sit in
comments and strings): line numbers from `ast` would then point at the wrong lines.
"""
from __future__ import annotations

import re
from typing import List

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split_lines(text: str, keepends: bool = False) -> List[str]:
    """`text.splitlines(keepends)`, splitting at `\\n`, `\\r` and `\\r\\n` only."""
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]
