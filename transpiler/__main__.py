"""`python -m transpiler ...` works like `agx ...`."""
from ._cli import main

if __name__ == "__main__":
    main(prog_name="agx")
