"""The README's opening example is real agx output (docs cannot drift from the code)."""
import re
from pathlib import Path

from transpiler import transpile

README = (Path(__file__).parents[1] / "README.md").read_text()


def test_opening_example_is_current_output():
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    before, after = blocks[0], blocks[1]
    assert before.startswith("# first_negative.py\n")
    source = before.split("\n", 1)[1]
    assert transpile(source, filename="first_negative.py") == after
