"""`--compare-autograph`: the original, agx's output and `tf.autograph.to_code`, with line
counts. Imports the user's module (to hand AutoGraph the function object) and TensorFlow."""
from __future__ import annotations

import shutil
from typing import List

from .model import FunctionReport
from .run import RunError, load_module

GAP = "  "


def autograph_code(module, qualname: str) -> str:
    import tensorflow as tf
    obj = module
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            raise RunError(f"the module has no `{qualname}` after import")
    fn = getattr(obj, "python_function", obj)
    try:
        return tf.autograph.to_code(fn).rstrip("\n")
    except Exception as exc:
        return f"# AutoGraph could not convert it: {type(exc).__name__}: {exc}"


def _count(code: str) -> int:
    return sum(1 for line in code.splitlines() if line.strip())


def listings(target, reports: List[FunctionReport]) -> dict:
    """{function name: {"original"|"agx"|"autograph": {"lines": n, "code": text}}}."""
    module = load_module(target)
    out = {}
    for r in reports:
        agx = r.converted if r.converted is not None else "# agx cannot convert it: see the findings"
        codes = {"original": r.source.rstrip("\n"), "agx": agx.rstrip("\n"),
                 "autograph": autograph_code(module, r.name)}
        out[r.name] = {k: {"lines": _count(v), "code": v} for k, v in codes.items()}
    return out


def render(name: str, listing: dict, width: int = 0) -> List[str]:
    """Side by side when the three columns fit `width` (the terminal), one after another otherwise."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    cols = [(k, listing[k]["code"].expandtabs(4).splitlines()) for k in ("original", "agx", "autograph")]
    heads = [f"{k} ({listing[k]['lines']} lines)" for k, _ in cols]
    widths = [max([len(h)] + [len(x) for x in lines]) for h, (_, lines) in zip(heads, cols)]
    out = [f"{name}: original {listing['original']['lines']} lines, agx {listing['agx']['lines']} lines, "
           f"AutoGraph {listing['autograph']['lines']} lines (non-blank)"]
    if sum(widths) + len(GAP) * 2 <= width:
        out.append(GAP.join(h.ljust(w) for h, w in zip(heads, widths)).rstrip())
        out.append(GAP.join("-" * w for w in widths))
        rows = max(len(lines) for _, lines in cols)
        for i in range(rows):
            cells = [(lines[i] if i < len(lines) else "").ljust(w) for (_, lines), w in zip(cols, widths)]
            out.append(GAP.join(cells).rstrip())
        return out
    for head, (_, lines) in zip(heads, cols):
        out.append(f"--- {head} ---")
        out.extend(lines)
    return out
