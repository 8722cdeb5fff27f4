"""One lint finding, as data (renderers in formats.py only format these)."""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class LintFinding:
    filename: str
    line: int
    col: int              # 0-based, like ast (rendered 1-based)
    code: str
    severity: str         # error | warning | note
    message: str          # the one-line title
    explanation: str = ""
    hint: str = ""

    def sort_key(self):
        return (self.line, self.col, self.code)
