"""The README's examples are executable documentation: each shown command is run and its
shown output compared, so the README cannot drift from the code."""
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from transpiler import transpile

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text()
DIAGNOSTICS = (ROOT / "docs" / "diagnostics.md").read_text()


def block_after(marker: str, fence: str = "```") -> str:
    """The text of the first fenced block after `marker`."""
    start = README.index(marker)
    start = README.index(fence + "\n", start) + len(fence) + 1
    return README[start:README.index("```\n", start)]


def test_opening_example_is_current_output():
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    before, after = blocks[0], blocks[1]
    assert "`first_negative.py`:" in README[:README.index(before)]
    assert before.startswith("import tensorflow as tf\n")  # the file as shown: line numbers match
    assert transpile(before, filename="first_negative.py") == after


def test_tf1_listing_is_the_seed_and_its_conversion():
    listing = block_after("## Target tf1", "```python")
    lines = listing.splitlines()
    split = lines[0].index("def build_myadd_graph")
    left = "\n".join(line[:split].rstrip() for line in lines).strip() + "\n"
    right = "\n".join(line[split:].rstrip() for line in lines) + "\n"
    seed = (ROOT / "examples" / "seed_myadd.py").read_text()
    assert left in seed
    converted = transpile(seed, target="tf1", filename="examples/seed_myadd.py")
    assert right in converted, right


def test_explain_codes_table_lists_the_catalogue():
    from transpiler.explain.catalogue import CATALOGUE
    shown = set(re.findall(r"^\| (AGX4\d\d) \|", README, re.M))
    assert shown == set(CATALOGUE)


def test_every_diagnostic_code_claimed_is_in_the_bad_input_corpus():
    documented = set(re.findall(r"AGX[0-3]\d\d", DIAGNOSTICS)) - {"AGX000"}
    corpus = "".join(p.read_text() for d in ("diagnostics", "tools", "lint")
                     for p in (ROOT / "tests" / d).glob("*.py"))
    assert documented and documented <= set(re.findall(r"AGX\d{3}", corpus))


def test_performance_table_is_bench_latest_json():
    from bench.report import render
    results = json.loads((ROOT / "bench" / "latest.json").read_text())
    assert block_after("Latest run (`bench/latest.json`").strip() == render(results).strip()


# -- commands that need TensorFlow -----------------------------------------------------------

def _run(args, cwd=None, monkeypatch=None):
    import cli
    if cwd is not None:
        monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli.main, args)


def test_check_tour_table(monkeypatch):
    pytest.importorskip("tensorflow")
    result = _run(["check", "examples/check_tour.py"], ROOT, monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout == block_after("`agx check examples/check_tour.py`")


def test_check_failure_example(tmp_path, monkeypatch):
    pytest.importorskip("tensorflow")
    (tmp_path / "truthy_list.py").write_text(block_after("`truthy_list.py`:", "```python"))
    command = re.search(r"^`agx (check truthy_list\.py .*)`$", README, re.M).group(1)
    result = _run(shlex.split(command), tmp_path, monkeypatch)
    assert "exits 1:" in README and result.exit_code == 1
    assert result.stdout == block_after(f"`agx {command}`")


def _matches_with_elisions(shown: str, actual: str) -> None:
    """Each run of shown lines between `[...]` lines appears in `actual`, in order."""
    chunks, current = [], []
    for line in shown.splitlines():
        if line.strip() == "[...]":
            chunks.append(current)
            current = []
        else:
            current.append(line)
    chunks.append(current)
    lines, at = actual.splitlines(), 0
    for i, chunk in enumerate(chunks):
        anchored = i == 0
        while at + len(chunk) <= len(lines) and lines[at:at + len(chunk)] != chunk:
            assert not anchored, f"the transcript starts differently:\n{chunk[:3]}\n{lines[:3]}"
            at += 1
        assert lines[at:at + len(chunk)] == chunk, "not in the output:\n" + "\n".join(chunk)
        at += len(chunk)
    assert at == len(lines), "the output goes on after the transcript:\n" + "\n".join(lines[at:])


def test_explain_transcript(monkeypatch):
    pytest.importorskip("tensorflow")
    block = block_after("The seed chapter's `myadd` with its five calls:")
    command, _, shown = block.partition("\n    --calls '\"hello\"")
    first = block.split("\n")
    joined, rest = [], iter(first)
    for line in rest:  # the command: `$ agx explain ... \` continued over lines
        joined.append(line.rstrip("\\").strip())
        if not line.endswith("\\"):
            break
    args = shlex.split(" ".join(joined))
    assert args[:2] == ["$", "agx"]
    result = _run(args[2:], ROOT, monkeypatch)
    assert result.exit_code == 0, result.output
    _matches_with_elisions("\n".join(rest), result.stdout)


def test_performance_narrative_names_the_recorded_worst_case():
    results = json.loads((ROOT / "bench" / "latest.json").read_text())
    rows = [r for r in results["graphs"]["rows"] if r.get("ops_ratio")]
    worst = max(rows, key=lambda r: r["ops_ratio"])
    assert f"(max {worst['ops_ratio']:.2f}×: `{worst['id']}`" in README.replace("\n  ", " ")


def test_performance_narrative_graph_sizes_at_the_current_code():
    pytest.importorskip("tensorflow")
    import sys
    sys.path.insert(0, str(ROOT / "tests" / "support"))
    from bench.graphs import measure_unit
    from bench.sources import corpus_units
    units = {u.id: u for u in corpus_units()}
    claims = re.findall(r"`(\w+)` is (\d+) ops against AutoGraph's (\d+)", README.replace("\n  ", " "))
    assert len(claims) == 2
    for case, agx, autograph in claims:
        row = measure_unit(units[case], repeat=1, run_calls=False)
        assert (row["agx_graph"]["ops"], row["autograph_graph"]["ops"]) == (int(agx), int(autograph)), case


def test_check_seed_examples_sentence():
    pytest.importorskip("tensorflow")
    from transpiler.tools import check
    sentence = README[README.index("The seed examples: `agx check"):]
    sentence = " ".join(sentence[:sentence.index("ops.\n") + 4].split())
    assert sentence.startswith("The seed examples: `agx check examples/seed_myadd.py --args "
                               "'(\"hello\", \"world\")' --args '(1, 2)'` gives `ok ok ok`, While 1/1, ops 32/22;")
    assert "`seed_add_print.py`, `seed_demo_module.py` and `seed_attribute_module.py` (generated inputs) " \
           "give `ok ok ok` (AutoGraph, agx tf2, agx tf1), 0/0 loops and conditionals, 9/9 ops." in sentence
    runs = [("seed_myadd.py", ['("hello", "world")', "(1, 2)"], (1, 1, 0, 0, 32, 22))] + [
        (name, None, (0, 0, 0, 0, 9, 9)) for name in ("seed_add_print.py", "seed_demo_module.py",
                                                       "seed_attribute_module.py")]
    for name, args, counts in runs:
        path = ROOT / "examples" / name
        (row,) = check.run_check(path.read_text(), str(path), args=args)[0]
        ag, agx = row.structure["autograph"], row.structure["tf2"]
        assert row.agree == {"autograph": "ok", "tf2": "ok", "tf1": "ok"}, (name, row.notes)
        assert (ag.loops, agx.loops, ag.conds, agx.conds, ag.ops, agx.ops) == counts, name


def test_check_failure_example_quotes_explain():
    from transpiler import analyze
    source = block_after("`truthy_list.py`:", "```python")
    (grow,) = [f for f in analyze(source, filename="truthy_list.py").functions if f.name == "grow"]
    (decision,) = [d for d in grow.decisions if d.construct == "if"]
    quoted = re.search(r'prints that assumption: "(.*?) \.\.\.\)"', README.replace("\n", " ")).group(1)
    assert decision.lowered and quoted in decision.reason
