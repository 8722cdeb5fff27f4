"""The IPython extension, for real: examples/agx_notebook.ipynb executed by a Jupyter kernel
(nbclient), and the magics in an in-process InteractiveShell."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "agx_notebook.ipynb"


def _text(output):
    if output["output_type"] == "stream":
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


@pytest.fixture(scope="module")
def executed():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env_path) if p)
    try:
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        os.environ["PYTHONPATH"] = env_path
    return [c for c in nb.cells if c.cell_type == "code"]


def test_notebook_runs_without_errors(executed):
    for cell in executed:
        assert not [o for o in cell.outputs if o["output_type"] == "error"], cell.source


def test_agx_convert_shows_highlighted_code(executed):
    (out,) = executed[2].outputs
    assert out["output_type"] == "execute_result"
    plain, html = out["data"]["text/plain"], out["data"]["text/html"]
    assert "\n@tf.function(autograph=False)\ndef first_negative(v):" in plain  # after the dispatch helpers
    assert "while_loop(" in plain and "loop_cond" in plain and "import tensorflow" not in plain
    assert "# line 3: for i in tf.range(tf.shape(v)[0]):" in plain  # the cell's own line numbers
    assert '<div class="highlight"' in html and "<span" in html and "while_loop" in html


def test_agx_explain_prints_the_report_with_predictions(executed):
    text = "".join(_text(o) for o in executed[3].outputs)
    assert text.startswith("first_negative  <cell>:2  @tf.function, no input_signature")
    assert "lowered     for i in tf.range(tf.shape(v)[0]):  -> tf.while_loop" in text
    assert "#2  first_negative(tf.constant([3, 4, -5]))" in text and "a new shape traces a" in text


def test_cell_magic_exec_defines_the_converted_function(executed):
    shown = executed[4].outputs[0]["data"]["text/plain"]
    assert "tf.while_loop(" in shown and "autograph=False" in shown
    assert "".join(_text(o) for o in executed[5].outputs) == "3\n"  # 1 + 2, then 6 > 5 breaks


def test_cell_magic_reports_a_diagnostic(executed):
    (out,) = executed[6].outputs
    assert out["output_type"] == "stream" and out["name"] == "stderr"
    assert out["text"].startswith("<cell>:4:5: error[AGX201]: `y` is assigned in only one branch")


@pytest.fixture(scope="module")
def shell():
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell
    ip = InteractiveShell.instance()
    ip.run_cell("%load_ext transpiler", store_history=False)
    return ip


def test_exec_runs_agx_output_not_autograph(shell):
    r = shell.run_cell("import tensorflow as tf\n", store_history=False)
    r = shell.run_cell("%%agx --exec\n@tf.function\ndef g(x):\n    if x > 0:\n        x = -x\n    return x\n")
    assert r.error_in_exec is None and "tf.cond(" in r.result.text
    fn = shell.user_ns["g"].python_function
    assert any(getattr(c, "co_name", "") == "<lambda>" for c in fn.__code__.co_consts)  # agx's tf.cond lambdas
    assert int(shell.user_ns["g"](tf_constant(shell, 3))) == -3


def tf_constant(shell, v):
    return shell.user_ns["tf"].constant(v)


def test_convert_a_method_and_a_tf_function_object(shell):
    shell.run_cell("import tensorflow as tf\nclass M(tf.Module):\n    @tf.function\n    def call(self, x):\n"
                   "        while x > 10:\n            x = x // 2\n        return x\n", store_history=False)
    r = shell.run_cell("%agx_convert M.call", store_history=False)
    assert r.error_in_exec is None and "while_loop(" in r.result.text and "@tf.function(" in r.result.text


def test_unknown_name_is_a_message_not_a_traceback(shell, capsys):
    r = shell.run_cell("%agx_convert nope", store_history=False)
    assert r.error_in_exec is None and r.result is None
    assert "agx: `nope` is not defined in the notebook" in capsys.readouterr().err
