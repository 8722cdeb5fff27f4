"""Issue 14: a generated helper name (`if_true`, `loop_body`, ...) is reused in a scope only
when its earlier definition is dead: every read of a def's name comes before the next
binding of that name in the same scope, and no nested def or lambda reads it later."""
import ast
from pathlib import Path

import pytest

from transpiler import transpile

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("if_true", "if_false", "loop_cond", "loop_body", "loop_items", "loop_limit")
GOLDEN = sorted(p for p in (ROOT / "golden").glob("*/expected_tf*.py"))


def _scopes(tree):
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _own(scope):
    """The nodes of `scope` outside its nested defs (nested defs themselves included)."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _parents(scope):
    out = {}
    for node in ast.walk(scope):
        for child in ast.iter_child_nodes(node):
            out[child] = node
    return out


def _holder(node, parents, scope):
    """The innermost lambda or def (below `scope`) around `node`, or None."""
    while node in parents and parents[node] is not scope:
        node = parents[node]
        if isinstance(node, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    return None


def live_reuses(text: str):
    """(name, line of the def) of each generated def bound again in its scope while a read
    of it may still run: a read inside a lambda that is stored rather than passed to a call,
    or inside a nested def that is itself read after the rebinding."""
    tree = ast.parse(text)
    problems = []
    for scope in _scopes(tree):
        parents = _parents(scope)
        defs = {}
        for node in _own(scope):
            if isinstance(node, ast.FunctionDef) and node.name.rstrip("_0123456789") in ROLES:
                defs.setdefault(node.name, []).append(node)
        for name, nodes in defs.items():
            lines = sorted(n.lineno for n in nodes)
            reads = [n for n in ast.walk(scope)
                     if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
            for start, end in zip(lines, lines[1:]):
                for read in (r for r in reads if start < r.lineno < end):
                    holder = _holder(read, parents, scope)
                    if isinstance(holder, ast.Lambda):
                        if not isinstance(parents.get(holder), ast.Call):
                            problems.append((name, start))
                    elif holder is not None and holder.name != name:
                        later = [r for r in ast.walk(scope) if isinstance(r, ast.Name)
                                 and r.id == holder.name and r.lineno > end]
                        if later:
                            problems.append((name, start))
    return sorted(set(problems))


@pytest.mark.parametrize("path", GOLDEN, ids=[f"{p.parent.name}/{p.name}" for p in GOLDEN])
def test_golden_outputs_reuse_helper_names_only_when_dead(path):
    assert live_reuses(path.read_text()) == []


SEQUENTIAL = """
import tensorflow as tf

@tf.function
def f(x: tf.Tensor, n: tf.Tensor):
    if x > 0:
        x = x + 1
        x = x * 2
    if x > 10:
        x = x - 1
        x = x - 2
    while x < n:
        if x > 5:
            x = x + 2
            x = x + 1
        else:
            x = x + 1
            x = x + 0
    while x < n + 3:
        x = x + 1
    return x
"""


def test_sequential_blocks_reuse_the_role_names():
    out = transpile(SEQUENTIAL)
    assert out.count("def if_true(") == 3 and "if_true_1" not in out
    assert out.count("def loop_body(") == 2 and "loop_body_1" not in out
    assert live_reuses(out) == []


def test_a_user_name_is_never_reused():
    src = SEQUENTIAL.replace("tf.Tensor):", "tf.Tensor):\n    if_true = 3").replace(
        "return x", "return x + if_true")
    out = transpile(src)
    assert "def if_true(" not in out and "def if_true_1(" in out


def test_the_checker_sees_a_live_reuse():
    text = ("def f(x):\n    def if_true():\n        return 1\n    g = lambda: if_true()\n"
            "    def if_true():\n        return 2\n    return g()\n")
    assert live_reuses(text) == [("if_true", 2)]


def test_converted_outputs_are_correct_with_reused_names():
    tf = pytest.importorskip("tensorflow")
    ns = {}
    exec(compile(transpile(SEQUENTIAL), "<out>", "exec"), ns)

    def eager(x, n):
        if x > 0:
            x = (x + 1) * 2
        if x > 10:
            x = x - 3
        while x < n:
            x = x + 3 if x > 5 else x + 1
        while x < n + 3:
            x = x + 1
        return x
    for x, n in [(-3, 2), (0, 20), (11, 30), (4, 4)]:
        assert int(ns["f"](tf.constant(x), tf.constant(n))) == eager(x, n)
