"""The seed chapter's `myadd`, converted to its TF1 listing and run as the chapter describes."""
from pathlib import Path

from differential import load
from transpiler import transpile

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed_myadd.py"


def test_seed_converts_to_the_tf1_listing():
    code = transpile(SEED.read_text(), target="tf1")
    body = code[code.index("def build_myadd_graph(a_spec, b_spec):"):]
    for piece in ("graph = tf.Graph()", "with graph.as_default():",
                  "a = tf.compat.v1.placeholder(a_spec.dtype, a_spec.shape, name='a')",
                  "b = tf.compat.v1.placeholder(b_spec.dtype, b_spec.shape, name='b')",
                  "print_op = tf.print(i)", "tf.while_loop(loop_cond, loop_body, (i,))",
                  "with tf.control_dependencies([i]):", "c = a + b", 'print("tracing")',
                  "return graph, (a, b), outputs",
                  "def myadd(a, b):", "return run_graph(build_myadd_graph, (a_spec, b_spec), (a, b))"):
        assert piece in body, f"{piece!r} missing from:\n{body}"
    assert "tf.compat.v1.Session(graph=graph)" in code and "feed_dict=" in code
    # the loop's outputs gate `c`, as in the chapter's listing
    assert body.index("with tf.control_dependencies([i]):") < body.index("c = a + b")


def test_seed_traces_once_per_signature_and_prints_on_every_call(capfd):
    module = load(transpile(SEED.read_text(), target="tf1"))
    results = [module.myadd(b"hello", b"world"), module.myadd(b"good", b"morning"), module.myadd(1, 2)]
    out, err = capfd.readouterr()
    assert results[:2] == [b"helloworld", b"goodmorning"] and results[2] == 3
    assert out.count("tracing") == 2
    assert err.split() == ["0", "1", "2"] * 3


def test_readme_tf1_listing_is_the_real_output():
    readme = (SEED.parents[1] / "README.md").read_text()
    section = readme[readme.index("## Target tf1"):]
    block = section[section.index("```python") + 9:section.index("```\n", section.index("```python") + 9)]
    lines = block.splitlines()
    col = next(line.index("def build_myadd_graph") for line in lines if "def build_myadd_graph" in line)
    shown = [line[col:].strip() for line in lines if line[col:].strip()]
    code = {line.strip() for line in transpile(SEED.read_text(), target="tf1").splitlines()}
    missing = [line for line in shown if line not in code]
    assert not missing, f"README lines not in the tf1 output: {missing}"
