"""agx command line, at the repository root: the click layer is transpiler/_cli.py.

It is installed inside the `transpiler` package, so an install claims no top-level `cli`
module; this file keeps `python -m cli` and `from cli import main` working in a checkout.
"""
from transpiler._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    main(prog_name="agx")
