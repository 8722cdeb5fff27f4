"""Layer rules, checked from the source of every module (`ast`, no imports executed).

    ground (ground/*, diagnostics, deep) -> parse (parse, naming, fence)
      -> analysis (analysis/*, select) -> lower (lower/*) -> targets (targets/*) -> emit
      -> driver, api -> tools, explain, lint

A module may import its own layer or a lower one, never a higher one; nothing below the
tools imports TensorFlow; the import graph has no cycle.
"""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "transpiler"

LAYERS = [  # (layer, module-name prefixes), lowest first
    ("ground", ("transpiler.ground", "transpiler.diagnostics", "transpiler.deep")),
    ("parse", ("transpiler.parse", "transpiler.naming", "transpiler.fence", "transpiler.safety")),
    ("analysis", ("transpiler.analysis", "transpiler.select")),
    ("lower", ("transpiler.lower",)),
    ("targets", ("transpiler.targets",)),
    ("emit", ("transpiler.emit", "transpiler.fstrings")),
    ("driver", ("transpiler.driver", "transpiler.splice", "transpiler.sourcetext", "transpiler.keep",
                "transpiler.pieces", "transpiler.api")),
    # the package itself is an entry point (the API, and IPython's load_ipython_extension)
    ("tools", ("transpiler.tools", "transpiler.explain", "transpiler.lint", "transpiler._cli",
               "transpiler.__main__", "transpiler.notebook", "transpiler")),
]
CONVERSION = {"ground", "parse", "analysis", "lower", "targets", "emit", "driver"}  # no TensorFlow


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> int:
    best = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if name == p or name.startswith(p + "."):
                if best is None or len(p) > best[1]:
                    best = (index, len(p))
    assert best is not None, f"{name} belongs to no layer: add it to LAYERS"
    return best[0]


def imports_of(path: Path, name: str):
    """Every agx module and top-level package `path` imports (function-level imports too)."""
    tree = ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:  # `from . import templates` imports the module templates
                sub = PKG.parent / (mod + "." + alias.name).replace(".", "/")
                if sub.with_suffix(".py").exists() or (sub / "__init__.py").exists():
                    found.add(mod + "." + alias.name)
                else:  # a name defined in `mod`
                    found.add(mod)
    return found


MODULES = {module_name(p): p for p in PKG.rglob("*.py")}
GRAPH = {name: {i for i in imports_of(path, name) if i in MODULES} for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_downward(name):
    mine = layer_of(name)
    upward = sorted(i for i in GRAPH[name] if layer_of(i) > mine and i != "transpiler")
    assert not upward, f"{name} ({LAYERS[mine][0]}) imports a higher layer: {upward}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if LAYERS[layer_of(n)][0] == "ground"))
def test_ground_floor_imports_nothing_of_agx(name):
    agx = sorted(i for i in GRAPH[name] if not i.startswith("transpiler.ground") and i != "transpiler.diagnostics")
    assert not agx, f"{name} imports {agx}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if LAYERS[layer_of(n)][0] in CONVERSION))
def test_conversion_never_imports_tensorflow(name):
    assert not any(i == "tensorflow" or i.startswith("tensorflow.")
                   for i in imports_of(MODULES[name], name)), name


def test_no_import_cycles():
    state, stack, cycles = {}, [], []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(GRAPH[n]):
            if m == "transpiler" or m == n:
                continue
            if state.get(m) == 1:
                cycles.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(GRAPH):
        if n not in state:
            visit(n)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_ad_hoc_node_attributes():
    """Annotations go through ground/anno.py: no `node.agx_x = ...` or getattr(node, "agx_x")."""
    import re
    pattern = re.compile(r"\.agx_\w+\s*=|getattr\([^)]*[\"']_?agx_|hasattr\([^)]*[\"']_?agx_")
    offenders = [f"{p.relative_to(PKG)}:{i}" for p in PKG.rglob("*.py") if p.name != "anno.py"
                 for i, line in enumerate(p.read_text().splitlines(), 1) if pattern.search(line)]
    assert not offenders, offenders


def test_the_rules_can_fail(tmp_path):
    """The checks above see a backward import and a cycle when there is one."""
    fake = PKG / "ground" / "syntax.py"
    found = imports_of(fake, "transpiler.ground.syntax")
    assert not any(i.startswith("transpiler.lower") for i in found)
    probe = tmp_path / "probe.py"
    probe.write_text("from ..lower import common\nfrom ..analysis.flow import x\n")
    got = imports_of(probe, "transpiler.ground.probe")
    assert "transpiler.lower.common" in got and "transpiler.analysis.flow" in got
    assert layer_of("transpiler.lower.common") > layer_of("transpiler.ground.probe")
