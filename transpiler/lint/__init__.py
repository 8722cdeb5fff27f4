"""`agx lint`: `agx explain`'s static findings as a linter (ruff-style lines, exit status).

  rules.py     runs explain's analysis and detectors on a file -> LintFinding (no second implementation)
  select.py    --select / --ignore / per-file-ignores by code or prefix
  noqa.py      `# noqa` and `# noqa: AGX401` suppressions; unused / unknown ones on request
  formats.py   text, json, github, sarif and --statistics renderers
  command.py   the CLI command, returning an exit code
"""
from .command import command, lint_text

__all__ = ["command", "lint_text"]
