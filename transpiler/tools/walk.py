"""Which files a directory input stands for: `*.py` regular files, minus excluded paths.

Like black and ruff: paths named on the command line are always converted; in a walked
tree, a directory or file is skipped when it matches an exclude pattern (`--exclude`
replaces the defaults, `--extend-exclude` adds to them) or a `.gitignore` rule (the tree's
own `.gitignore` files and those of its parents up to the repository root). A FIFO, device
or socket named `*.py` is skipped, never opened. Every skipped directory or `*.py` file is
reported, except version-control and `__pycache__` directories; a directory that cannot be
listed is an AGX005 error. Links to directories are not followed (like os.walk).
"""
from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import stat
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from ..diagnostics import Diagnostic

DEFAULT_EXCLUDE = (".*", "__pycache__", "venv", "build", "dist")
QUIET = {".git", ".hg", ".svn", "__pycache__"}  # skipped without a word: never hold sources


@dataclasses.dataclass
class Skipped:
    path: str
    why: str


def _translate(pattern: str) -> str:
    """A gitignore glob (no leading '/', no trailing '/') -> regex over a '/'-separated path."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            out.append("[" + ("^" + body[1:] if body[:1] == "!" else body).replace("\\", "\\\\") + "]")
            i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


@dataclasses.dataclass
class Rule:
    base: str           # the directory holding the .gitignore (absolute)
    regex: "re.Pattern"
    negated: bool
    dir_only: bool
    text: str
    source: str


def gitignore_rules(path: Path) -> List[Rule]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    rules = []
    for line in lines:
        text = line.rstrip()
        if not text or text.startswith("#"):
            continue
        negated = text.startswith("!")
        pat = text[1:] if negated else text
        pat = pat[1:] if pat.startswith(("\\!", "\\#")) else pat
        dir_only = pat.endswith("/")
        pat = pat.rstrip("/")
        if not pat:
            continue
        anchored = "/" in pat
        body = _translate(pat.lstrip("/"))
        regex = re.compile(("" if anchored else "(?:.*/)?") + body + r"\Z", re.S)
        rules.append(Rule(os.path.abspath(path.parent), regex, negated, dir_only, text, str(path)))
    return rules


def _parent_rules(root: Path) -> List[Rule]:
    """The .gitignore files above `root`, up to the repository root (the directory with .git)."""
    chain = []
    d = Path(os.path.abspath(root)).parent
    if os.path.exists(root / ".git"):
        return []
    while True:
        chain.append(d)
        if os.path.exists(d / ".git") or d.parent == d:
            break
        d = d.parent
    if not os.path.exists(chain[-1] / ".git"):
        return []  # not inside a repository: only the tree's own .gitignore files count
    return [r for d in reversed(chain) for r in gitignore_rules(d / ".gitignore")]


def ignored(rules: Sequence[Rule], path: str, is_dir: bool) -> Optional[Rule]:
    """The last matching rule if it ignores the absolute `path` (gitignore semantics), else None."""
    hit = None
    for rule in rules:
        if not path.startswith(rule.base.rstrip(os.sep) + os.sep):
            continue
        rel = path[len(rule.base.rstrip(os.sep)) + 1:].replace(os.sep, "/")
        if (is_dir or not rule.dir_only) and rule.regex.match(rel):
            hit = rule
    return hit if hit is not None and not hit.negated else None


class Walker:
    def __init__(self, exclude: Optional[Sequence[str]] = None, extend_exclude: Sequence[str] = (),
                 gitignore: bool = True, skip: Sequence[Path] = ()):
        given = [(p, "--exclude") for p in exclude] if exclude is not None else \
            [(p, "a default exclude") for p in DEFAULT_EXCLUDE]
        self.patterns = given + [(p, "--extend-exclude") for p in extend_exclude]
        self.gitignore = gitignore
        self.skip = {os.path.abspath(p) for p in skip}
        self.skipped: List[Skipped] = []
        self.errors: List[Diagnostic] = []  # directories that cannot be listed (exit 2)

    def _excluded(self, name: str, rel: str) -> Optional[str]:
        for pat, origin in self.patterns:
            if fnmatch.fnmatchcase(rel if "/" in pat.strip("/") else name, pat.strip("/")):
                return f"matches {origin} `{pat}`"
        return None

    def _why(self, entry: os.DirEntry, rel: str, rules: List[Rule], is_dir: bool) -> Optional[str]:
        if is_dir and os.path.abspath(entry.path) in self.skip:
            return "the -o directory"
        why = self._excluded(entry.name, rel)
        if why is None and self.gitignore:
            rule = ignored(rules, os.path.abspath(entry.path), is_dir)
            why = f"ignored by `{rule.text}` in {rule.source}" if rule else None
        return why

    def _note(self, path: str, why: str, name: str) -> None:
        if name not in QUIET:
            self.skipped.append(Skipped(path, why))

    def files(self, root: Path) -> List[Path]:
        rules = _parent_rules(root) if self.gitignore else []
        out: List[Path] = []
        self._walk(root, root, rules, out)
        return out

    def _walk(self, root: Path, d: Path, rules: List[Rule], out: List[Path]) -> None:
        if self.gitignore:
            rules = rules + gitignore_rules(d / ".gitignore")
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.errors.append(Diagnostic("AGX005", f"cannot read the directory: {exc.strerror}", str(d), 0, 0))
            return
        prefix = "" if d == root else Path(d).relative_to(root).as_posix() + "/"
        for entry in entries:
            is_py = entry.name.endswith(".py")
            try:
                is_dir = entry.is_dir()  # follows links, like os.walk's listing (not its descent)
                if not is_dir and not is_py:
                    continue
                mode = entry.stat().st_mode if not is_dir else 0
            except OSError:
                if is_py:
                    self._note(entry.path, "a dangling symbolic link", entry.name)
                continue
            why = self._why(entry, prefix + entry.name, rules, is_dir)
            if why is not None:
                self._note(entry.path + ("/" if is_dir else ""), why, entry.name)
            elif is_dir:
                if entry.is_symlink():  # like os.walk: links to directories are not followed
                    self._note(entry.path + "/", "a symbolic link to a directory (not followed)", entry.name)
                else:
                    self._walk(root, Path(entry.path), rules, out)
            elif not stat.S_ISREG(mode):
                self._note(entry.path, "not a regular file", entry.name)
            else:
                out.append(Path(entry.path))


def expand(paths: List[str], walker: Optional[Walker] = None) -> List[Tuple[str, Optional[Path]]]:
    """Each input file with the directory it was found under (for mirroring), '-' kept."""
    walker = walker or Walker()
    out: List[Tuple[str, Optional[Path]]] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            out.extend((str(f), Path(p)) for f in walker.files(Path(p)))
        else:
            out.append((p, None))
    return out
