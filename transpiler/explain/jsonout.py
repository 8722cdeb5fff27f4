"""JSON rendering: the stable contract documented in the README.

{"functions": [{"name", "file", "line", "params": [{"name", "kind", "reason"}],
                "statements": [{"line", "col", "source", "fate", "lowered_to", "reason"}],
                "findings": [{"code", "severity", "line", "col", "title", "explanation", "hint"}],
                "summary": {...}}],
 "calls": [{"args", "predicted_trace", "reason", "observed_trace"}]}

`observed_trace` (with `observed_error` and `printed`) and the top-level `observed_statements`
(`[{"line", "source", "fate", "predicted", "observed", "agrees"}]`) appear only with --run;
`compare` per function only with --compare-autograph.
"""
from __future__ import annotations

import json
from typing import List, Optional

from .model import CallReport, FunctionReport


def render(reports: List[FunctionReport], calls: Optional[List[CallReport]] = None,
           compare: Optional[dict] = None, observed: Optional[list] = None) -> str:
    functions = []
    for r in reports:
        d = r.to_dict()
        if compare and r.name in compare:
            d["compare"] = compare[r.name]
        functions.append(d)
    doc = {"functions": functions, "calls": [c.to_dict() for c in calls or []]}
    if observed is not None:
        doc["observed_statements"] = observed
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
