"""The README's promises: its first lines are the two commands, CI runs the second, and
its Python examples run."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_first_lines_are_the_two_newcomer_commands():
    first = blocks("sh")[0].strip().splitlines()
    assert README.splitlines()[:3] == ["# attribution", "", "```sh"]
    assert first[0].startswith("python -m pip install -e . && attribution extract examples/cipher_brief_pakistan.txt")
    assert first[1] == "python -m pip install -e '.[test]' && python -m pytest"


def script_commands():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_ci_runs_exactly_the_readme_test_command_last():
    test_command = blocks("sh")[0].strip().splitlines()[1]
    commands = script_commands()
    assert commands[-1] == test_command
    # Nothing else installs the project or runs tests: CI sees what the README promises.
    assert [c for c in commands if re.search(r"\bpython3? -m (pytest|pip)\b", c)] == [test_command]


FAKE_PYTHON3 = """#!/usr/bin/env bash
# Stands in for the system python3: `python3 -m venv DIR` makes a venv whose python logs its calls.
[ "$1 $2" = "-m venv" ] || exit 99
mkdir -p "$3/bin"
printf 'export PATH="%s/bin:$PATH"\\n' "$3" > "$3/bin/activate"
cat > "$3/bin/python" <<'PY'
#!/usr/bin/env bash
echo "$(dirname "$0") $PWD $*" >> "$CI_LOG"
[ "$2" = pytest ] && exit "$PYTEST_EXIT"
exit 0
PY
chmod +x "$3/bin/python"
echo "venv $3" >> "$CI_LOG"
"""


@pytest.mark.parametrize("pytest_exit, says", [(0, ""), (1, "some tests failed"), (5, "collected no tests")])
def test_ci_makes_a_fresh_venv_and_passes_pytest_exit_codes_on(tmp_path, pytest_exit, says):
    """Run .ci/run with python3 and apt-get stood in for: what it runs, where, and its exit code."""
    checkout = tmp_path / "checkout"
    (checkout / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", checkout / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in [("python3", FAKE_PYTHON3), ("apt-get", "#!/bin/sh\necho \"apt-get $*\" >> \"$CI_LOG\"\n")]:
        (bin_dir / name).write_text(body, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "CI_LOG": str(log), "PYTEST_EXIT": str(pytest_exit), "TMPDIR": str(tmp_path)}
    result = subprocess.run(["bash", ".ci/run"], cwd=checkout, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == pytest_exit, result.stderr
    assert says in result.stderr
    calls = [line for line in log.read_text().splitlines() if not line.startswith("apt-get")]
    venv_dir = calls[0].removeprefix("venv ")
    assert Path(venv_dir).parent.parent == tmp_path  # made fresh, outside the checkout
    assert calls[1:] == [
        f"{venv_dir}/bin {checkout} -m pip install -e .[test]",
        f"{venv_dir}/bin {checkout} -m pytest",
    ]
    assert not Path(venv_dir).exists()  # removed when CI ends


def test_python_examples_run():
    for code in blocks("python"):
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, env=os.environ
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
