"""Activity and liveness summaries on structured code."""
import gast

from transpiler.analysis.activity import block_live_in, block_summary, live_outs, summarize


def stmts(src):
    return gast.parse(src).body


def test_assign_and_augassign():
    (a, b) = stmts("y = x + 1\nz += y\n")
    assert summarize(a).writes == {"y"} and summarize(a).exposed == {"x"}
    assert summarize(b).reads == {"z", "y"} and summarize(b).mustdef == {"z"}


def test_if_mustdef_is_intersection_and_exposed_is_union():
    (node,) = stmts("if c:\n    y = a\n    w = 1\nelse:\n    y = b\n")
    s = summarize(node)
    assert s.writes == {"y", "w"} and s.mustdef == {"y"} and s.exposed == {"c", "a", "b"}


def test_branch_that_returns_does_not_limit_mustdef():
    (node,) = stmts("if c:\n    return 1\nelse:\n    y = 2\n")
    assert summarize(node).mustdef == {"y"} and not summarize(node).exits


def test_loops_define_nothing_for_sure():
    (w, f) = stmts("while i < n:\n    i = i + 1\nfor k in r:\n    s = k\n")
    assert summarize(w).mustdef == set() and summarize(w).exposed == {"i", "n"}
    assert summarize(f).writes == {"k", "s"} and summarize(f).exposed == {"r"}


def test_closure_reads_count_as_reads():
    (d,) = stmts("def inner():\n    return outer_name + local\n    local = 1\n")
    assert "outer_name" in summarize(d).reads and summarize(d).writes == {"inner"}


def test_lambda_and_comprehension_bound_names_are_not_reads():
    (a,) = stmts("y = [i * k for i in items] + list(map(lambda j: j + k, items))\n")
    assert summarize(a).reads == {"items", "k", "list", "map"}


def test_liveness_through_a_block():
    body = stmts("a = x\nb = a + 1\nc = 5\nreturn b\n")
    outs = live_outs(body, frozenset())
    assert outs[0] == {"a"} and outs[1] == {"b"} and outs[2] == {"b"} and outs[3] == set()
    assert block_live_in(body, frozenset()) == {"x"}


def test_liveness_of_a_partially_assigned_name():
    body = stmts("if c:\n    y = 1\n")
    assert block_live_in(body, frozenset({"y"})) == {"c", "y"}
