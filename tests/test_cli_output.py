"""Output that cannot be written: a full disk (``/dev/full``), a full stderr, a closed pipe.

Every command says so in one line and exits 1, never with a traceback; ``validate``
still checks every file, and its exit status still says whether they are valid.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "cipher_brief_pakistan.json")
FULL = "attribution: cannot write the output: No space left on device"

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


def run(args, *, stdout=None, stderr=subprocess.PIPE):
    """``python -m attribution ARGS`` with the given streams; (exit status, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "attribution", *args], stdout=stdout, stderr=stderr, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "9", "id": "d", "text": ""}', encoding="utf-8")
    return {"good": EXAMPLE, "bad": str(bad), "missing": str(tmp_path / "missing.json")}


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["sources", EXAMPLE],
        ["sources", EXAMPLE, "--format", "json"],
        ["conflicts", EXAMPLE],
        ["render", EXAMPLE],
        ["export", EXAMPLE, "--format", "turtle"],
        ["plugins", "--format", "json"],
    ],
    ids=" ".join,
)
def test_every_command_on_a_full_disk_is_one_line_and_exit_1(args):
    with open("/dev/full", "w") as full:
        code, _, err = run(args, stdout=full)
    assert (code, err) == (1, FULL + "\n")


@needs_dev_full
def test_validate_on_a_full_disk_still_checks_every_file(files):
    with open("/dev/full", "w") as full:
        code, _, err = run(["validate", files["good"], files["bad"], files["missing"], files["good"]], stdout=full)
    assert code == 1
    assert err.splitlines() == [
        FULL,  # once, though four summaries were lost
        f"{files['bad']}:1: /schema_version: unsupported schema_version '9' (this release reads '1.0', '1.1') "
        "[schema-version]",
        f"{files['missing']}: cannot read: No such file or directory",
    ]


@needs_dev_full
@pytest.mark.parametrize(("which", "code"), [("good", 0), ("bad", 1), ("missing", 1)])
def test_validate_with_stderr_full_still_writes_summaries_and_the_right_status(files, which, code):
    with open("/dev/full", "w") as full:
        got, out, _ = run(["validate", files[which], files["good"]], stdout=subprocess.PIPE, stderr=full)
    assert got == code
    assert out.endswith(f"{files['good']}: 1 valid, 0 invalid\n")


@pytest.mark.parametrize(("which", "code"), [("good", 0), ("bad", 1)])
def test_validate_into_a_closed_pipe_still_answers_with_its_exit_status(files, which, code):
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first summary (as with | head -0)
    try:
        got, _, err = run(["validate", files["good"], files[which]], stdout=write)
    finally:
        os.close(write)
    assert got == code
    assert "Traceback" not in err and "BrokenPipe" not in err
