"""Minimal-diff output: every line agx does not need to change comes out verbatim and in
order, generated lines wrap at the configured length, values still equal eager."""
import re
import textwrap

import pytest

from differential import call, check_tf2, load, same
from transpiler import transpile
from transpiler.ground.layout import line_length
from transpiler.ground.wrap import wrap
from transpiler.lower import dispatch

# lines agx rewrites: the headers of the lowered statements (every if/while/for below is a
# Tensor one, except `for k in range`), their jumps, and the tf.function decorator. (A branch
# whose last statement assigns its only output is folded into `return expr`: the cases
# here have two outputs.)
CHANGES = re.compile(r"^\s*(if |elif |else:|while |for (?!k in range)|break|continue|@tf\.function)")

HELPER_LINES = {line.strip() for role, text in dispatch.HELPERS.items()
                for line in text.format(tf="tf", **{role: role}).splitlines() if line.strip()}
STYLES = {
    "two_spaces": ('''
import tensorflow as tf


@tf.function
def f(x, n):
  """Sum, two spaces a level.

  The blank line above stays in the docstring.
  """
  total = tf.constant(0.0)  # running total

  i = 0
  while i < n:
    total += x * 2.0  # doubled
    # comment above a statement
    i += 1
  return total
''', "f", [(1.5, 3), (2.0, 0)]),
    "tabs": ('''
import tensorflow as tf


@tf.function
def f(x):
\tif x > 0:
\t\ty = x * 2.0  # positive
\t\tz = y + 1.0
\telse:
\t\ty = -x
\t\tz = y - 1.0
\treturn y + z
''', "f", [(1.0,), (-2.0,)]),
    "multiline_signature_and_calls": ('''
import tensorflow as tf
from typing import Tuple


@tf.function(reduce_retracing=True)
def f(x: tf.Tensor,
      scale: float = 2.0,
      n: int = 3) -> Tuple[tf.Tensor, tf.Tensor]:
    y = x * scale  # scale first
    w = 0

    z = tf.stack([y,
                  y],
                 axis=0)
    if tf.reduce_sum(y) > 0:  # positive
        y = -y

        y = y + tf.cast(tf.strings.length('single quotes stay'), y.dtype)
        w = w + 1
    return y, z, w
''', "f", [(1.0,), (-1.0,)]),
    "nested_lowered_blocks": ('''
import tensorflow as tf


@tf.function(jit_compile=False)
def f(v, limit):
    """Clip a running sum."""
    total = 0.0
    count = 0

    for x in v:
        if total + x > limit:  # would overflow
            total = limit
            count += 100
        else:
            total += x
            count += 1
    return total, count
''', "f", [([1.0, 2.0, 3.0], 4.0), ([1.0], 10.0)]),
    "python_loop_around_tensor_if": ('''
import tensorflow as tf


@tf.function
def f(x):
    y = x
    for k in range(3):  # unrolled while tracing
        if x > k:
            x = x - 1.0
            y = y * 1.5
    return x + y
''', "f", [(5.0,), (0.5,)]),
    "semicolons_backslashes_decorator_comments": ('''
import tensorflow as tf


class Model:
  def __init__(self):
    self.k = 2.0

  # the training step
  @tf.function(
      # why: shapes vary
      reduce_retracing=True,
  )
  def step(self, x: tf.Tensor, n: int = 3):  # the step
    a = 1.0; b = 2.0
    if x > 0: x = x * a
    total = x + \\
        b
    for i in tf.range(n):
      s = ("multi"
           "part")  # implicit concatenation
      if x > 1.0:
        total = total + self.k  # add k
        total = tf.maximum(total,
                           # inner comment
                           0.0)
      else:
        total -= 1.0
        total = total * 1.0

        # trailing comment of the else branch
    q = """keep
  this indentation
"""
    return total + tf.cast(tf.strings.length(q), tf.float32)


MODEL = Model()
''', "MODEL.step", [(2.0, 3), (0.5, 2), (-1.0, 0)]),
}


def kept_lines(source: str):
    """The lines of the converted function's source that need no change."""
    body = source[source.index("@tf.function"):]
    return [line for line in body.splitlines() if not CHANGES.match(line) and not line.startswith("MODEL")]


def subsequence(needles, haystack):
    it = iter(haystack)
    missing = [n for n in needles if not any(n == h for h in it)]
    return missing


@pytest.mark.parametrize("name", sorted(STYLES))
def test_unchanged_lines_are_copied_verbatim_and_in_order(name):
    source, qualname, args = STYLES[name]
    code = check_tf2(source, qualname, args)
    missing = subsequence(kept_lines(source), code.splitlines())
    assert not missing, f"lines not kept verbatim, in order: {missing}\n{code}"


@pytest.mark.parametrize("name", sorted(STYLES))
def test_indentation_unit_is_the_files(name):
    source = STYLES[name][0]
    code = transpile(source)
    if name == "tabs":
        assert all(not line.startswith(" ") for line in code.splitlines())
        assert "\tdef if_true():\n\t\ty = x * 2.0  # positive\n" in code
    elif name == "two_spaces":
        assert "\n  def loop_body(total, i):\n    total += x * 2.0  # doubled\n" in code
        assert all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in code.splitlines())


@pytest.mark.parametrize("limit", [40, 60, 88])
@pytest.mark.parametrize("name", sorted(STYLES))
def test_generated_lines_fit_the_line_length(name, limit):
    source, qualname, args = STYLES[name]
    code = transpile(source, line_length=limit)
    kept = set(source.splitlines()) | HELPER_LINES  # the dispatch helpers: fixed text, <= 88 columns
    for line in code.splitlines():
        if line in kept or line.strip() in HELPER_LINES or line.lstrip().startswith("#"):
            continue
        assert len(line.expandtabs(4)) <= limit or " " not in line.strip(), f"{line!r} > {limit}\n{code}"
    compile(code, "<agx>", "exec")


def test_wrapped_output_still_equals_eager():
    source, qualname, args = STYLES["nested_lowered_blocks"]
    code = transpile(source, line_length=40)
    assert max(len(line) for line in code.splitlines() if line not in source.splitlines()
               and line.strip() not in HELPER_LINES and not line.lstrip().startswith("#")) <= 40
    converted, original = load(code), load(source)
    for a in args:
        assert same(call(original, qualname, a, eager=True), call(converted, qualname, a))


def test_idempotent():
    for source, _, _ in STYLES.values():
        once = transpile(source)
        assert transpile(once) == once


def test_decorator_arguments_and_comments_around_it_stay():
    source = textwrap.dedent('''
        import tensorflow as tf


        # the model's step
        @tf.function(
            input_signature=[tf.TensorSpec([], tf.float32)],  # one scalar
        )
        def f(x):
            if x > 0:
                x = -x
            return x
    ''')
    code = transpile(source)
    assert ("# the model's step\n@tf.function(\n    input_signature=[tf.TensorSpec([], tf.float32)],  # one scalar\n"
            "    autograph=False,\n)\n") in code


def test_multiline_string_in_a_moved_block_is_not_reindented():
    source = textwrap.dedent('''
        import tensorflow as tf


        @tf.function
        def f(x):
            for k in range(2):
                if x > 0:
                    tf.print("""a
        literal at column 0""")
                    x = x - 1.0
            return x
    ''')
    code = check_tf2(source, "f", [(3.0,), (-1.0,)])
    assert '"""a\nliteral at column 0"""' in code


def test_wrap_follows_black():
    assert wrap("x, y = tf.cond(p, if_true, if_false)", "", "    ", 30) == [
        "x, y = tf.cond(", "    p, if_true, if_false", ")"]
    assert wrap("return tf.cond(a > 0, f, g), a.size()", "", "    ", 30) == [
        "return (", "    tf.cond(a > 0, f, g),", "    a.size(),", ")"]
    assert wrap("def loop_body(alpha, beta, gamma, delta):", "", "    ", 24) == [
        "def loop_body(", "    alpha,", "    beta,", "    gamma,", "    delta,", "):"]
    assert wrap("y = tf.cond(p, lambda a, b: a, g)", "", "    ", 20) == [
        "y = tf.cond(", "    p,", "    lambda a, b: a,", "    g,", ")"]
    assert wrap("s = 'a, (b'", "", "    ", 5) == ["s = 'a, (b'"]  # a string is one token


def test_line_length_comes_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    sub = tmp_path / "pkg"
    sub.mkdir()
    assert line_length(str(sub / "m.py")) == 100
    (sub / "pyproject.toml").write_text("[tool.black]\nline-length = 72\n")
    assert line_length(str(sub / "m.py")) == 72
    assert line_length("<string>") == 88


def test_names_in_order_of_appearance_and_fresh_index_for_underscore():
    code = transpile(textwrap.dedent('''
        import tensorflow as tf


        @tf.function
        def f(x, n):
            zeta = x
            alpha = x
            for _ in tf.range(n):
                zeta = zeta + 1.0
                alpha = alpha * 2.0
            return zeta + alpha
    '''))
    assert "def loop_body(zeta, alpha, index):" in code and "_ =" not in code and "_ <" not in code


def test_counters_start_again_in_each_function():
    code = transpile(textwrap.dedent('''
        import tensorflow as tf


        @tf.function
        def f(x, n):
            i = 0
            while i < n:
                if x[i] > 0:
                    break
                i += 1
            return i


        @tf.function
        def g(x, n):
            i = 0
            while i < n:
                if x[i] < 0:
                    break
                i += 1
            return i
    '''))
    assert "did_break_1" not in code and code.count("did_break = False") == 2
    assert "tf.logical_or(did_break, " in code or "tf.cond(" in code


def test_an_elif_moved_out_of_its_chain_becomes_an_if():
    """Found by the fuzzer: code after a Python if/elif moved into its else branch (a return
    in a Tensor `if` above it) must not copy the `elif` line as it was written."""
    source = textwrap.dedent('''
        import tensorflow as tf


        @tf.function
        def f(x, n):
            a = 0
            u = 0.0
            if (a + a) < 0:
                u = u + 1.0
                if (u + x) < 0.0:
                    return a, u
            elif (a + 3) < 0:
                u = u * 2.0
            if (a + a) < 0:
                return a, u
            return a, u + 1.0
    ''')
    code = check_tf2(source, "f", [(-1.5, 0), (0.5, 1)])
    assert "elif (a + 3) < 0:" not in code and "    else:\n        if (a + 3) < 0:\n" in code


MULTILINE_SIGNATURE_TABS = (
    "import tensorflow as tf\n\n\n@tf.function\ndef step(x,  # the input\n         n):\n"
    "\ttotal = tf.constant(0.0)\n\twhile n > 0:\n\t\tn -= 1\n\t\ttotal += x\n\treturn total\n")
TWO_SPACES_TF1 = (
    "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n  if x > 0:\n    x = x * 2.0\n"
    "  return x\n")


def test_emitted_helpers_take_the_files_unit_past_a_multi_line_signature():
    """The dispatch helpers and the tf1 runtime are written in the file's unit, found from
    the first block's body (a multi-line signature hid it: helpers came out in 4 spaces)."""
    code = transpile(MULTILINE_SIGNATURE_TABS)
    assert "def while_loop(" in code
    assert all(not line.startswith(" ") for line in code.splitlines() if line != "         n):")
    code = transpile(TWO_SPACES_TF1, target="tf1")
    assert "def run_graph(" in code
    lines = code.splitlines()
    for header, body in zip(lines, lines[1:]):  # every block opened is indented by 2 spaces
        if header.rstrip().endswith(":") and not header.lstrip().startswith("#") and body.strip():
            assert len(body) - len(body.lstrip()) == len(header) - len(header.lstrip()) + 2, body
    assert "\n  if hasattr(value, \"numpy\"):\n    value = value.numpy()\n" in code
    for src, target in ((MULTILINE_SIGNATURE_TABS, "tf2"), (TWO_SPACES_TF1, "tf1")):
        out = transpile(src, target=target)
        assert transpile(out, target=target) == out
