"""Readable generated names: the role name itself (`if_true`, `loop_body`, `did_break`),
numbered only when it would clash with a name the user's module already uses."""
from __future__ import annotations

from typing import Iterable, Set

import gast


def identifiers(tree) -> Set[str]:
    from .ground.syntax import (
        walk_unordered as _walk,  # faster than gast.walk; order does not matter here
    )
    out = set()
    for node in _walk(tree):
        if isinstance(node, gast.Name):
            out.add(node.id)
        elif isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, gast.alias):
            out.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, gast.Attribute):
            out.add(node.attr)
    return out


class Namer:
    def __init__(self, taken: Iterable[str]):
        self.user = set(taken)

    def new(self, role: str) -> str:
        """`role` unless the user's code uses it; else role_1, role_2, ..."""
        if role not in self.user:
            return role
        i = 1
        while f"{role}_{i}" in self.user:
            i += 1
        return f"{role}_{i}"

    def unique(self, role: str) -> str:
        """A name no other generated or user name shares (for values that outlive a block)."""
        name = self.new(role)
        self.user.add(name)
        return name
