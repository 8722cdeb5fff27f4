"""Bulk conversion of real code (the standard library, TensorFlow's and Keras' sources).

CI: a fixed sample of small files, each under one of the four configurations (tf2/tf1 x
decorated/all). `AGX_BULK=all` converts every file under all four (the long run, ~1 h);
`AGX_BULK_FILES=N` / `AGX_BULK_SEED=S` draw another sample. Pure AST work: no TensorFlow import.
"""
import os

import pytest

import bulk

FILES = int(os.environ.get("AGX_BULK_FILES", "300"))
SEED = int(os.environ.get("AGX_BULK_SEED", "15"))
MAX_BYTES = 40_000  # the CI sample keeps to files up to 40 kB (the long run takes every file)


def test_bulk_conversion_has_no_problem():
    if os.environ.get("AGX_BULK") == "all":
        files, one_each = bulk.corpus(), False
    else:
        files, one_each = bulk.sample(FILES, SEED, MAX_BYTES), True
    assert len(files) >= min(FILES, 100), "the standard library was not found"
    n, found = bulk.run(files, one_each=one_each)
    report = "\n".join(f"{path} [{target} {functions}]: {problem}" for path, target, functions, problem in found)
    assert not found, f"{len(found)} problems in {n} conversions:\n{report}"
