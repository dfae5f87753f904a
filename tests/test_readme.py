"""The README's promises: its first lines are the two commands, CI runs the second, and
its Python examples run."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_first_lines_are_the_two_newcomer_commands():
    first = blocks("sh")[0].strip().splitlines()
    assert README.splitlines()[:3] == ["# attribution", "", "```sh"]
    assert first[0].startswith("python -m pip install -e . && attribution extract examples/cipher_brief_pakistan.txt")
    assert first[1] == "python -m pip install -e '.[test]' && python -m pytest"


def test_ci_runs_exactly_the_readme_test_command():
    test_command = blocks("sh")[0].strip().splitlines()[1]
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == [test_command]


def test_python_examples_run():
    for code in blocks("python"):
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, env=os.environ
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
