"""Random programs of tf.print / variable updates under nested Tensor `if`s, Tensor loops and
Python loops: the tf1 runner prints exactly what eager execution prints, in the same order,
and returns the same values. Seeded, so every run checks the same programs;
AGX_ORDERING_SEEDS=200 checks more."""
import os
import random

import pytest
import tensorflow as tf

from differential import load, same, to_numpy
from transpiler import transpile

SEEDS = int(os.environ.get("AGX_ORDERING_SEEDS", "12"))  # 200 pass too (about 30 s)
HEADER = "import tensorflow as tf\n\nv = tf.Variable(0)\n\n@tf.function\ndef f(n, x):\n"


def block(rng, depth, loops, indent):
    pad = "    " * indent
    lines = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["print", "print", "update", "assign", "if", "for", "pyfor"] if depth < 3
                          else ["print", "update", "assign"])
        tag = f"s{rng.randint(0, 999)}"
        if kind == "print":
            args = ", ".join([f'"{tag}"'] + rng.sample(["x", "v"] + loops, k=rng.randint(0, 2)))
            lines.append(f"{pad}tf.print({args})")
        elif kind == "update":
            lines.append(f"{pad}v.assign_add({rng.choice(['1', 'x'] + loops)})")
        elif kind == "assign":
            lines.append(f"{pad}x = x + {rng.choice(['1', '2'] + loops)}")
        elif kind == "if":
            lines.append(f"{pad}if {rng.choice(['x', 'v'] + loops)} % {rng.randint(2, 3)} == 0:")
            lines += block(rng, depth + 1, loops, indent + 1)
            if rng.random() < 0.5:
                lines.append(f"{pad}else:")
                lines += block(rng, depth + 1, loops, indent + 1)
        elif kind == "for":
            i = f"i{depth}"
            lines.append(f"{pad}for {i} in tf.range({rng.choice(['n', '2'])}):")
            lines += block(rng, depth + 1, loops + [i], indent + 1)
        else:
            lines.append(f"{pad}for k{depth} in range(2):")
            lines += block(rng, depth + 1, loops, indent + 1)
    return lines


def program(seed):
    rng = random.Random(seed)
    return HEADER + "\n".join(block(rng, 0, [], 1)) + "\n    return x, v.read_value()\n"


def outputs(capfd, module, calls, eager):
    tf.config.run_functions_eagerly(eager)
    try:
        results = [to_numpy(module.f(*([tf.constant(a) for a in args] if eager else args)))
                   for args in calls]
    finally:
        tf.config.run_functions_eagerly(False)
    out, err = capfd.readouterr()
    return results, out + err


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_program_prints_and_updates_in_program_order(capfd, seed):
    source = program(seed)
    code = transpile(source, target="tf1")
    calls = [(3, 4), (0, 3), (2, 6)]
    expected, expected_text = outputs(capfd, load(source), calls, eager=True)
    got, got_text = outputs(capfd, load(code), calls, eager=False)
    assert same(expected, got), f"{expected} != {got}\n{source}\n{code}"
    assert got_text == expected_text, f"tf1 printed:\n{got_text}\neager printed:\n{expected_text}\n{source}\n{code}"
