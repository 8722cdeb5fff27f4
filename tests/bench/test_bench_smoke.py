"""The benchmark machinery on tiny inputs (so `python -m bench` cannot rot), and agx's
scaling on the inputs where AutoGraph is exponential."""
import sys
import time

from bench import cli_bench, conversion, graphs, modules, report, scaling
from bench.sources import Unit, fill_functions, if_blocks, nested_loops

TINY = if_blocks(2)


def best_of(n, fn):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def test_fresh_loads_never_share_code_objects():
    # AutoGraph caches conversions by code object: equal code would make it hit its cache
    a, b = modules.load(TINY, rename=True), modules.load(TINY, rename=True)
    fa, fb = modules.resolve(a, "f"), modules.resolve(b, "f")
    assert fa.__code__ != fb.__code__
    assert fa.__name__ != fb.__name__
    # without renaming (module code that calls its functions), the line shift alone suffices
    c, d = modules.load(TINY), modules.load(TINY)
    assert modules.resolve(c, "f").__code__ != modules.resolve(d, "f").__code__


def test_conversion_row_measures_both_tools_and_the_parse_floor():
    unit = fill_functions([Unit("tiny", "tiny", TINY)])[0]
    assert unit.functions == ["f"]
    row = conversion.measure_unit(unit, repeat=1, ag_repeat=1)
    assert row["agx_s"] > row["parse_s"] > 0
    assert row["autograph_s"] > 0 and not row["autograph_errors"]
    assert row["agx_vs_autograph"] == row["agx_s"] / row["autograph_s"]
    groups = conversion.summarize([row])
    assert groups["tiny"]["functions"] == 1


def test_tracing_row_has_graph_sizes_and_call_times():
    unit = Unit("corpus", "tiny", TINY, runs={"f": [(3.0,)]})
    row = graphs.measure_unit(unit, repeat=1, run_calls=True)
    for side in ("autograph", "agx"):
        assert row[f"{side}_graph"]["if"] >= 2, row  # both lower the two tensor ifs
        assert row[f"{side}_trace_s"] > 0 and row[f"{side}_call_s"] > 0
    summary = graphs.summarize([row])
    assert summary["compared"] == 1 and summary["ops"]["agx"] == row["agx_graph"]["ops"]


def test_child_peak_memory_is_the_child_s_own():
    # this process holds TensorFlow: a plain fork would report its RSS for the child
    run = cli_bench.run_child([sys.executable, "-c", "pass"])
    assert run["status"] == 0
    assert run["maxrss_mib"] < 100, run


def test_autograph_child_is_killed_after_the_timeout():
    worker = scaling.AutoGraphWorker()
    try:
        assert "seconds" in worker.convert(if_blocks(3), "f", timeout=60)
        reply = worker.convert(if_blocks(40), "f", timeout=0.5)  # AutoGraph: far beyond 0.5 s
        assert reply == {"timeout": 0.5}
        assert worker.proc is None
    finally:
        worker.stop()


def test_report_renders_tables_and_targets():
    unit = fill_functions([Unit("tiny", "tiny", TINY)])[0]
    rows = [conversion.measure_unit(unit, repeat=1, ag_repeat=1)]
    results = {"conversion": {"rows": rows, "groups": conversion.summarize(rows),
                              "growth": conversion.growth(rows), "phases": None}}
    text = report.render(results)
    assert "| tiny " in text and "Growth with file size" in text and "Targets" in text
    targets = {t["target"]: t for t in report.targets(results)}
    assert targets["CLI peak memory (MiB)"]["holds"] is None  # the section did not run


# -- scaling regressions: AutoGraph is exponential here, agx must stay linear -------------

def test_consecutive_if_else_blocks_convert_fast_and_linearly():
    from transpiler import transpile
    small, large = if_blocks(50), if_blocks(200)
    t_small = best_of(3, lambda: transpile(small, fast=True))  # conversion (+ compile check), no second pass
    t_large = best_of(3, lambda: transpile(large, fast=True))
    assert t_large < 0.6, f"200 blocks took {t_large:.2f} s"
    assert t_large / t_small < 8, f"4x the blocks took {t_large / t_small:.1f}x the time (linear: 4x)"


def test_nested_loops_do_not_blow_up():
    from transpiler import transpile
    t4 = best_of(3, lambda: transpile(nested_loops(4)))
    t16 = best_of(3, lambda: transpile(nested_loops(16)))
    assert t16 / t4 < 12, f"depth 16 took {t16 / t4:.1f}x depth 4 (was 2^depth before the memo)"


def test_conversion_pauses_the_cyclic_gc_and_restores_its_state():
    import gc
    from transpiler import transpile
    assert gc.isenabled()
    transpile(TINY)
    assert gc.isenabled()
    gc.disable()
    try:
        transpile(TINY)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_printed_length_bound_is_an_upper_bound():
    # control_flow inlines a branch as a lambda when it prints in <= 60 columns; the bound
    # lets it skip printing, so it must never be below astor's real length
    import gast
    from corpus import CASES
    from transpiler.ground.printer import _length_bound, expr_source
    checked = 0
    for case in CASES:
        for node in gast.walk(gast.parse(case.source)):
            if isinstance(node, gast.expr) and _length_bound(node) is not None:
                assert _length_bound(node) >= len(expr_source(node)), expr_source(node)
                checked += 1
    assert checked > 500


def test_simple_printer_matches_astor():
    # decisions quote conditions through emit.simple_source when it applies, astor otherwise
    import gast
    from corpus import CASES
    from transpiler.ground.printer import expr_source, simple_source
    checked = 0
    for case in CASES:
        for node in gast.walk(gast.parse(case.source)):
            if isinstance(node, gast.expr) and simple_source(node) is not None:
                assert simple_source(node) == expr_source(node)
                checked += 1
    assert checked > 500


def test_fast_walk_is_gast_walk():
    import gast
    from corpus import CASES
    from transpiler.ground.syntax import walk
    for case in CASES:
        tree = gast.parse(case.source)
        assert [id(n) for n in walk(tree)] == [id(n) for n in gast.walk(tree)]


def test_golden_units_skip_inputs_that_do_not_parse():
    """golden/error_syntax pins a diagnostic: the benchmark (ast.parse of every unit) crashed on it."""
    import ast
    from bench.sources import golden_units
    units = golden_units()
    assert units and "error_syntax" not in {u.id for u in units}
    for u in units:
        ast.parse(u.source)
