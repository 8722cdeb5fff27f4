"""`# noqa` suppressions, ruff's convention: `# noqa: AGX401, AGX403` on the finding's line
silences those codes there, a bare `# noqa` silences every code on the line.

Only AGX codes are agx's business: other tools' codes in the same comment (`# noqa: E501,
AGX401`) are left alone. On request, an AGX code that is not a known code (AGX091) and a
suppression that silenced nothing (AGX090) are reported.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from .model import LintFinding
from .rules import RULES, UNKNOWN_NOQA, UNUSED_NOQA

NOQA = re.compile(r"#\s*noqa(?P<sep>:\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?",
                  re.IGNORECASE)


def parse(comments: Optional[Dict[int, str]]) -> Dict[int, Tuple[int, Optional[List[str]]]]:
    """line -> (column of the comment, codes or None for a bare `# noqa`)."""
    out = {}
    for line, text in (comments or {}).items():
        m = NOQA.search(text)
        if m is None:
            continue
        codes = None
        if m.group("codes"):
            codes = [c.upper() for c in re.split(r"[\s,]+", m.group("codes")) if c]
        out[line] = (m.start(), codes)
    return out


def apply(found: List[LintFinding], comments: Optional[Dict[int, str]], lines: List[str],
          report_unused: bool = False, filename: str = "", enabled=None) -> List[LintFinding]:
    """The findings no suppression covers, plus AGX090/AGX091 when `report_unused`
    (`enabled(code)`: a suppression of a code that is not selected is not called unused)."""
    marks = parse(comments)
    used: Dict[int, set] = {}
    kept = []
    for f in found:
        mark = marks.get(f.line)
        if mark is not None and (mark[1] is None or f.code in mark[1]) and not f.code.startswith("AGX00"):
            used.setdefault(f.line, set()).add(f.code)
            continue
        kept.append(f)
    if report_unused:
        enabled = enabled or (lambda code: True)
        kept.extend(f for f in _unused(marks, used, lines, filename, enabled) if enabled(f.code))
    return sorted(kept, key=LintFinding.sort_key)


def _column(lines: List[str], line: int, offset: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    at = text.find("#")
    while at >= 0 and not re.match(r"#\s*noqa", text[at:], re.IGNORECASE):
        at = text.find("#", at + 1)
    return max(at, 0) if at >= 0 else offset


def _unused(marks, used, lines, filename, enabled) -> List[LintFinding]:
    out = []
    for line, (offset, codes) in sorted(marks.items()):
        col = _column(lines, line, offset)
        hit = used.get(line, set())
        if codes is None:
            if not hit:
                out.append(LintFinding(filename, line, col, UNUSED_NOQA, "warning",
                                       "unused `# noqa`: nothing to suppress on this line"))
            continue
        ours = [c for c in codes if c.startswith("AGX")]
        unknown = [c for c in ours if c not in RULES]
        unused = [c for c in ours if c in RULES and c not in hit and enabled(c)]
        if unknown:
            out.append(LintFinding(filename, line, col, UNKNOWN_NOQA, "warning",
                                   f"unknown code in `# noqa`: {', '.join(unknown)}"))
        if unused:
            out.append(LintFinding(filename, line, col, UNUSED_NOQA, "warning",
                                   f"unused `# noqa` for {', '.join(unused)}: no such finding on this line"))
    return out
