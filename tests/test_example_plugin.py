"""End to end: plugins installed with pip in a fresh virtual environment.

The nested environment sees this project, spaCy and pip exactly as the interpreter running
the tests sees them: a ``.pth`` file in its own site-packages adds the outer interpreter's
site directories (with their own ``.pth`` files, so an editable install of this project
works). That holds whether the tests run in the base Python or in a user's virtual
environment; ``--system-site-packages`` would only inherit the *base* interpreter. The
plugin packages are installed into the nested environment's own site-packages, offline
and without build isolation (hatchling is a test dependency). Everything is run as a user
would, in subprocesses: ``python -m attribution plugins`` and ``python -m attribution extract``.
"""

import json
import os
import site
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "attribution-statements-plugin"
BROKEN = ROOT / "tests" / "plugins" / "broken_plugin"

TEXT = (
    "The Interior Ministry's statement read: \u201cNo such list exists.\u201d\n\n"
    "According to a statement from the Pakistani Foreign Office, the names were handed over in May.\n\n"
    "\u201cWe have seen some modest steps,\u201d one of the officials said. The CIA declined to comment.\n"
)

pytestmark = pytest.mark.slow


#: A checkout put first on the path with PYTHONPATH (a git worktree beside an editable install
#: of another) is the project under test: the nested environment sees it first too.
PYTHONPATH = {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}


def outer_site_dirs():
    """The site directories of the interpreter running the tests, in its own order."""
    dirs = site.getsitepackages()
    if site.ENABLE_USER_SITE and Path(site.getusersitepackages()).is_dir():
        dirs.append(site.getusersitepackages())
    return dirs


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A fresh virtual environment: ``env.python``, ``env.run(*args)``, ``env.site``."""
    root = tmp_path_factory.mktemp("plugin-env")
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(root / "venv")
    own_site = next((root / "venv" / "lib").glob("python3*/site-packages"))
    (own_site / "_outer_environment.pth").write_text(
        "".join(f"import site; site.addsitedir({d!r})\n" for d in outer_site_dirs()), encoding="utf-8"
    )

    class Env:
        python = root / "venv" / "bin" / "python"
        site = next((root / "venv" / "lib").glob("python3*/site-packages"))
        article = root / "article.txt"
        second = root / "second.txt"

        def run(self, *args, check=True):
            result = subprocess.run(
                [str(self.python), *map(str, args)],
                capture_output=True,
                text=True,
                timeout=180,
                cwd=root,
                env={"PATH": "/usr/bin:/bin", "HOME": str(root), "PYTHONIOENCODING": "utf-8", **PYTHONPATH},
            )
            if check and result.returncode != 0:
                raise AssertionError(f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
            return result

        def pip(self, *args):
            return self.run("-m", "pip", "--disable-pip-version-check", *args)

        def extract(self, *paths):
            result = self.run("-m", "attribution", "extract", "--format", "jsonl", "--quiet", *paths)
            return [json.loads(line) for line in result.stdout.splitlines()], result.stderr

        def plugins(self, *args):
            result = self.run("-m", "attribution", "plugins", "--format", "json", *args, check=False)
            return {p["name"]: p for p in json.loads(result.stdout)}, result

    e = Env()
    e.article.write_text(TEXT, encoding="utf-8")
    e.second.write_text(TEXT.replace("May", "June"), encoding="utf-8")
    assert e.run("-c", "import sys; print(sys.prefix)").stdout.strip() == str(root / "venv")
    # The project the nested environment imports is the one under test, not another copy.
    imported = e.run("-c", "import attribution; print(attribution.__file__)").stdout.strip()
    assert Path(imported).resolve() == Path(__import__("attribution").__file__).resolve()
    return e


@pytest.fixture(scope="module")
def baseline(env):
    """What the built-ins alone extract, before any plugin is installed."""
    documents, stderr = env.extract(env.article, env.second)
    assert "warning:" not in stderr
    assert all("attribution_statements" not in d["metadata"] for d in documents)
    return documents


def installed_files(env, prefix):
    return sorted(p.name for p in env.site.iterdir() if p.name.startswith(prefix))


def test_example_plugin_installs_works_and_uninstalls_cleanly(env, baseline):
    env.pip("install", "--no-deps", "--no-build-isolation", "--no-index", EXAMPLE)
    assert installed_files(env, "attribution_statements")

    listed, result = env.plugins()
    assert result.returncode == 0
    step, lexicon = listed["attribution_statements.statements.v1"], listed["attribution_statements.newsroom.v1"]
    assert (step["kind"], step["package"], step["version"], step["status"]) == (
        "extractor", "attribution-statements", "0.1.0", "ok"
    )
    assert step["enabled_by_default"] is True
    assert lexicon["kind"] == "lexicon" and lexicon["status"] == "ok"
    assert lexicon["lexicons"] == ["cues", "reporting_verbs"]

    (document, _), stderr = env.extract(env.article, env.second)
    assert "warning:" not in stderr
    touched = document["metadata"]["attribution_statements"]["claims"]
    claims = {c["id"]: c for c in document["claims"]}
    # The built-in step may already have found a claim (its span then includes the quote
    # marks); the plugin keeps that span and adds the medium. Find them by their words.
    by_words = {
        words: next(claims[i] for i in touched if words in claims[i]["content"]["text"])
        for words in ("No such list exists.", "the names were handed over in May")
    }
    assert all(claims[i]["medium"] == "statement" for i in touched)
    read = by_words["No such list exists."]
    assert read["mode"] == "direct" and read["source_mention"]["text"] == "Interior Ministry"
    source = {s["id"]: s for s in document["sources"]}[read["source"]]
    assert source["name"] == "Interior Ministry"
    # What the built-ins found is still there.
    assert {c["content"]["text"] for c in baseline[0]["claims"]} <= {c["content"]["text"] for c in document["claims"]}
    assert document["non_responses"] == baseline[0]["non_responses"]

    # Switched off by name (a short alias), the plugin leaves no trace.
    result = env.run("-m", "attribution", "extract", "--format", "jsonl", "--quiet", "--without", "statements", env.article)
    assert json.loads(result.stdout) == baseline[0]

    # The lexicon patch reaches the built-in lexicons.
    check = env.run(
        "-c",
        "from attribution.extract.lexicon import load_lexicon as l; "
        "print(sorted(e['lemma'] for e in l('reporting_verbs') if e['lemma'] in ('intone', 'sniff')), "
        "[e['medium'] for e in l('cues') if e.get('phrase') == 'in a readout'])",
    )
    assert check.stdout.strip() == "['intone', 'sniff'] ['readout']"

    env.pip("uninstall", "-y", "attribution-statements")
    assert installed_files(env, "attribution_statements") == []
    left = env.run(
        "-c",
        "import importlib.metadata as m; "
        "print([e.name for g in ('attribution_extractors', 'attribution_lexicons') for e in m.entry_points(group=g)])",
    ).stdout
    assert "attribution." in left and "attribution_statements" not in left
    documents, _ = env.extract(env.article, env.second)
    assert documents == baseline


def test_broken_plugin_warns_once_each_and_the_builtins_still_extract(env, baseline):
    env.pip("install", "--no-deps", "--no-build-isolation", "--no-index", BROKEN)
    try:
        listed, result = env.plugins()
        assert result.returncode == 0
        missing = listed["attribution_broken_plugin.missing_dependency.v1"]
        assert (missing["status"], missing["package"]) == ("error", "attribution-broken-plugin")
        assert "No module named 'attribution_no_such_dependency'" in missing["reason"]
        assert listed["attribution_broken_plugin.lexicon.v1"]["status"] == "error"
        assert "unknown lexicon 'no_such_lexicon'" in listed["attribution_broken_plugin.lexicon.v1"]["reason"]
        # The wrong return type only shows when the step runs.
        assert listed["attribution_broken_plugin.wrong_type.v1"]["status"] == "ok"
        assert "2 broken plugins" in result.stderr

        documents, stderr = env.extract(env.article, env.second)
        assert documents == baseline
        for name, reason in [
            ("attribution_broken_plugin.missing_dependency.v1", "could not be loaded and is skipped: ModuleNotFoundError"),
            ("attribution_broken_plugin.wrong_type.v1", "failed and is skipped: TypeError: it returned dict"),
            ("attribution_broken_plugin.lexicon.v1", "is broken and skipped: PluginError: patches unknown lexicon"),
        ]:
            lines = [line for line in stderr.splitlines() if name in line]
            assert len(lines) == 1, stderr
            assert lines[0].startswith("attribution: warning: ") and "(package attribution-broken-plugin" in lines[0]
            assert reason in lines[0]
    finally:
        env.pip("uninstall", "-y", "attribution-broken-plugin")
    assert installed_files(env, "attribution_broken_plugin") == []
