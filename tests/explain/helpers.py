"""Shared helpers for the explain tests: analyse source text the way `agx explain` does."""
import textwrap

from transpiler import analyze
from transpiler.explain.report import build_reports


def reports(source: str, functions="decorated"):
    text = textwrap.dedent(source)
    return build_reports(analyze(text, functions=functions, filename="t.py"), "t.py")


def report(source: str, name: str = None):
    rs = reports(source)
    return rs[0] if name is None else next(r for r in rs if r.name == name)


def codes(source: str, name: str = None):
    return [f.code for f in report(source, name).findings]
