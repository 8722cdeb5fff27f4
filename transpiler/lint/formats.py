"""Renderers for `agx lint`: text (one line per finding), json, github annotations, SARIF 2.1.0,
and the --statistics table. They only format `LintFinding`s."""
from __future__ import annotations

import json
from collections import Counter
from typing import List

from .model import LintFinding
from .rules import RULES

FORMATS = ("text", "json", "github", "sarif")
GITHUB_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}
SARIF_LEVEL = {"error": "error", "warning": "warning", "note": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "docs/diagnostics.md"


def text(found: List[LintFinding]) -> str:
    return "".join(f"{f.filename}:{f.line}:{f.col + 1}: {f.code} {f.message}\n" for f in found)


def as_json(found: List[LintFinding]) -> str:
    rows = [{"code": f.code, "severity": f.severity, "message": f.message, "filename": f.filename,
             "location": {"row": f.line, "column": f.col + 1},
             "explanation": f.explanation, "help": f.hint} for f in found]
    return json.dumps(rows, indent=2) + "\n"


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github(found: List[LintFinding]) -> str:
    return "".join(
        f"::{GITHUB_LEVEL.get(f.severity, 'warning')} file={_gh_prop(f.filename)},line={f.line},"
        f"col={f.col + 1},title={_gh_prop(f.code)}::{_gh_data(f'{f.code} {f.message}')}\n" for f in found)


def sarif(found: List[LintFinding], version: str) -> str:
    codes = sorted({f.code for f in found})
    index = {c: i for i, c in enumerate(codes)}
    rules = [{"id": c, "shortDescription": {"text": RULES.get(c, ("warning", c))[1]},
              "help": {"text": f"see {DOCS} and the README for {c}"},
              "defaultConfiguration": {"level": SARIF_LEVEL[RULES.get(c, ("warning",))[0]]}}
             for c in codes]
    results = []
    for f in found:
        text_ = f.message + (f": {f.explanation}" if f.explanation else "")
        results.append({
            "ruleId": f.code, "ruleIndex": index[f.code], "level": SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": text_},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.filename.replace("\\", "/")},
                "region": {"startLine": f.line, "startColumn": f.col + 1}}}],
        })
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "agx", "version": version, "rules": rules}},
        "results": results}]}
    return json.dumps(doc, indent=2) + "\n"


def statistics(found: List[LintFinding], fmt: str = "text") -> str:
    counts = Counter(f.code for f in found)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        return json.dumps([{"code": c, "count": n, "message": RULES.get(c, ("", ""))[1]}
                           for c, n in rows], indent=2) + "\n"
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(f"{str(n).rjust(width)}  {c}  {RULES.get(c, ('', ''))[1]}\n" for c, n in rows)


def render(found: List[LintFinding], fmt: str, version: str = "0") -> str:
    if fmt == "json":
        return as_json(found)
    if fmt == "github":
        return github(found)
    if fmt == "sarif":
        return sarif(found, version)
    return text(found)
