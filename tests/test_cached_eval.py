"""``benchmarks/cached_eval.py`` gives the figures of the real evaluation, from a parse made once."""

import importlib.util
import json
from pathlib import Path

import pytest

from attribution.evaluate import evaluate_batched, read_gold
from attribution.extract import analyze_many

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
DEV = EVAL_DIR / "polnear_dev.jsonl"

_spec = importlib.util.spec_from_file_location("cached_eval", ROOT / "benchmarks" / "cached_eval.py")
cached_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cached_eval)


@pytest.mark.skipif(not DEV.exists(), reason=f"PolNeAR evaluation data not found at {EVAL_DIR}")
def test_the_cached_parse_scores_as_the_real_evaluation(tmp_path, capsys):
    cache = tmp_path / "cache"
    assert cached_eval.main(["build", "dev", "--limit", "3", "--cache", str(cache), "--eval-dir", str(EVAL_DIR)]) == 0
    capsys.readouterr()
    assert cached_eval.main(["eval", "dev", "--cache", str(cache), "--eval-dir", str(EVAL_DIR), "--format", "json"]) == 0
    cached = json.loads(capsys.readouterr().out)
    real = evaluate_batched(read_gold(DEV, limit=3), lambda texts: analyze_many(texts)).to_dict()
    assert cached["overlap"] == json.loads(json.dumps(real["overlap"]))
    assert cached["exact"] == json.loads(json.dumps(real["exact"]))


def test_eval_without_a_cache_says_so(tmp_path, capsys):
    gold = tmp_path / "polnear_dev.jsonl"
    gold.write_text("", encoding="utf-8")
    assert cached_eval.main(["eval", "dev", "--cache", str(tmp_path / "none"), "--eval-dir", str(tmp_path)]) == 1
    assert "run 'build' first" in capsys.readouterr().err


def test_missing_gold_data_is_named(tmp_path, capsys):
    assert cached_eval.main(["build", "--eval-dir", str(tmp_path / "nowhere")]) == 1
    assert "no gold data at" in capsys.readouterr().err
