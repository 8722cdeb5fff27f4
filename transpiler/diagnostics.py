"""Diagnostics as data: collected during a pass, rendered rustc-style at the edge.

A pass never raises on bad input; it calls ``sink.error(...)`` and carries on, and
the API turns a non-empty sink into one ``TranspileError`` at the end.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, List, Optional

from .ground.lines import split_lines


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    filename: str = "<string>"
    line: int = 0
    col: int = 0  # 0-based, like ast
    severity: str = "error"
    help: Optional[str] = None

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def headline(self) -> str:
        where = f"{self.filename}:{self.line}:{self.col + 1}" if self.line else self.filename
        return f"{where}: {self.severity}[{self.code}]: {self.message}"

    def render(self, source_lines: Optional[List[str]] = None, color: bool = False) -> str:
        """`file:line:col: error[AGXnnn]: message`, the source line, a caret, `help:`."""
        bold, red, blue, reset = ("\033[1m", "\033[31m", "\033[34m", "\033[0m") if color else ("",) * 4
        head = self.headline()
        if color:
            loc, _, rest = head.partition(f" {self.severity}")
            head = f"{bold}{loc}{reset} {red}{bold}{self.severity}{rest}{reset}"
        out = [head]
        if source_lines and 1 <= self.line <= len(source_lines):
            text = source_lines[self.line - 1].rstrip("\n").expandtabs(8)
            gutter = str(self.line)
            out.append(f"{blue}{gutter} |{reset} {text}")
            out.append(f"{' ' * len(gutter)} {blue}|{reset} {' ' * max(self.col, 0)}{red}^{reset}")
        if self.help:
            out.append(f"{blue}help:{reset} {self.help}")
        return "\n".join(out)


class DiagnosticSink:
    """Collects diagnostics for one file; duplicates (same code and location) are dropped."""

    def __init__(self, filename: str = "<string>"):
        self.filename = filename
        self._items: List[Diagnostic] = []
        self._seen = set()

    def error(self, code: str, message: str, node=None, line: int = 0, col: int = 0,
              help: Optional[str] = None, severity: str = "error") -> None:
        if node is not None:
            line = getattr(node, "lineno", line) or line
            col = getattr(node, "col_offset", col) or 0
        key = (code, line, col, message)
        if key in self._seen:
            return
        self._seen.add(key)
        self._items.append(Diagnostic(code, message, self.filename, line, col, severity, help))

    def has_error_at(self, node) -> bool:
        """An error is already reported at this node's location (a later pass stays quiet)."""
        where = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        return any((d.line, d.col) == where for d in self._items if d.severity == "error")

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            self.error(d.code, d.message, line=d.line, col=d.col, help=d.help, severity=d.severity)

    def demote(self, diagnostics: Iterable[Diagnostic]) -> None:
        """These errors become warnings (the refused function they belong to is kept as written)."""
        ids = {id(d) for d in diagnostics}
        self._items = [dataclasses.replace(d, severity="warning") if id(d) in ids else d for d in self._items]

    @property
    def errors(self) -> List[Diagnostic]:
        return sorted((d for d in self._items if d.severity == "error"), key=lambda d: (d.line, d.col))

    @property
    def items(self) -> List[Diagnostic]:
        return sorted(self._items, key=lambda d: (d.line, d.col))


class TranspileError(Exception):
    """Raised by the API when the input cannot be converted; carries every diagnostic."""

    def __init__(self, diagnostics: List[Diagnostic], source: Optional[str] = None):
        self.diagnostics = list(diagnostics)
        self.source = source
        super().__init__("\n".join(d.headline() for d in self.diagnostics) or "conversion failed")

    def render(self, color: bool = False) -> str:
        lines = split_lines(self.source) if self.source else None
        return "\n".join(d.render(lines, color) for d in self.diagnostics)
