"""Readable generated names: the role name itself (`if_true`, `loop_body`, `did_break`),
numbered only when it would clash with a name the user's module already uses, or (for
names that outlive a block, `unique`) with one generated earlier in the same function.

Before: two functions that each break out of a tensor loop
After:  `did_break` in both (counters start again in each function: `enter`/`leave`)."""
from __future__ import annotations

from typing import Iterable, Optional, Set

import gast


def identifiers(tree) -> Set[str]:
    from .ground.syntax import nodes  # the analysed tree's nodes, read by other passes too
    out = set()
    for node in nodes(tree):
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
        self.everywhere: Set[str] = set()   # every name `unique` gave, in any function
        self.local: Optional[Set[str]] = None  # those of the function being lowered

    def enter(self) -> None:
        """Start a function: its generated names only have to avoid each other (and the user's)."""
        self.local = set()

    def leave(self) -> None:
        """Back at module level: a name given now avoids every generated name."""
        self.local = None

    def _taken(self, name: str) -> bool:
        if name in self.user:
            return True
        return name in (self.everywhere if self.local is None else self.local)

    def new(self, role: str) -> str:
        """`role` unless the user's code (or a `unique` name in scope) uses it; else role_1, ..."""
        if not self._taken(role):
            return role
        i = 1
        while self._taken(f"{role}_{i}"):
            i += 1
        return f"{role}_{i}"

    def unique(self, role: str) -> str:
        """A name no other generated or user name in scope shares (for values that outlive a block)."""
        name = self.new(role)
        self.everywhere.add(name)
        if self.local is not None:
            self.local.add(name)
        return name
