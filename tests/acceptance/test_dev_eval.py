"""An evaluation gate (the trafilatura habit): code the dev set of ../shared/eval, score it with
the project-independent scorer, and refuse a drop below the floors in dev_floors.json.

The gold labels are read only by ../shared/eval/score.py; tallied sees the report text and the
publication date, as any user's feed would give them. The floors are the scores measured when
they were last raised, minus a small margin for noise; raise them when the scores rise.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).with_name("dev_floors.json")).read_text())


@pytest.fixture(scope="module")
def summary(shared, tmp_path_factory):
    dev = shared / "eval" / "dev" / "events.jsonl"
    if not dev.exists():
        pytest.skip("no dev set")
    out = tmp_path_factory.mktemp("eval")
    preds, scores = out / "preds.jsonl", out / "scores.json"
    with open(preds, "w", encoding="utf-8") as fh:
        proc = subprocess.run([sys.executable, "-m", "tallied.cli", "extract", str(dev), "--format", "jsonl"],
                              stdout=fh, stderr=subprocess.PIPE, text=True, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(dev), str(preds),
                    "--by-source", "--json", str(scores)], check=True, capture_output=True, timeout=300)
    return json.loads(scores.read_text())


@pytest.mark.parametrize("source", sorted(FLOORS["by_source"]))
def test_dev_eval_scores_do_not_drop(summary, source):
    got = summary["by_source"][source]
    print(f"\n{source}: " + ", ".join(f"{k} {v.get('accuracy', v.get('f1'))}" for k, v in got.items()))
    low = {metric: (got[metric].get("accuracy", got[metric].get("f1")), floor)
           for metric, floor in FLOORS["by_source"][source].items()
           if got[metric].get("accuracy", got[metric].get("f1")) < floor}
    assert not low, f"{source}: below the floor (score, floor): {low}"
