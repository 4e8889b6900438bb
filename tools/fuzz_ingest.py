"""A bounded random-mutation fuzz campaign of the ingest entry point (issue #12, item 1).

    .venv/bin/python tools/fuzz_ingest.py [--seconds 300] [--seed 1] [--extract 0.1] [--out fuzz-crashes]

atheris is not used (it needs a libFuzzer-enabled clang build here); this is the equivalent with
no extra dependency: seeds (the bundled examples and synthetic texts, pages and feeds in several
encodings) are mutated (byte flips, inserted tokens: BOMs, NULs, file magic, JSON and HTML
fragments, CR, huge numbers; truncation, splicing, repetition) and each input goes through
``tallied.ingest.run`` three ways: as a file with a random suffix (.txt, .html, .jsonl), as
stdin bytes and as a stdin text stream. A fraction (``--extract``) of the reports that come out
also goes through the whole pipeline. A finding is any exception, a Skip with an unknown reason,
a Report whose raw text holds a CR, a pipeline ``internal_error``, or a broken evidence span; each
is written to ``--out`` (the input bytes and the traceback) and the run goes on. Exit 1 when
anything was found. Deterministic for a given seed (apart from the time limit).
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REASONS = {"empty", "binary", "encoding", "too_large", "malformed_json", "missing_text",
           "bad_published", "unreadable", "language"}
TOKENS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x00\x00\xfe\xff", b"%PDF-", b"PK\x03\x04",
          b"\x89PNG\r\n\x1a\n", b"\x1f\x8b", b"{", b"}", b'{"text": "', b'"}', b"\n", b"\r", b"\r\n",
          b"<html>", b"<body", b"</", b"<p>", b"<script>", b"<!--", b"<meta charset=\"utf-16\">",
          b"<meta charset=\"x-unknown\">", b"&#0;", b"&#x110000;", b"10^100", b"-5", b"1e9",
          "١٢٣".encode(), b"1,2,3,4", b"99999999999999999999999", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80",
          "\u2028".encode(), b"killed", b" at least ", b"\t", b" " * 64]
SEED_TEXTS = [
    "Gunmen killed at least eight people in an attack on Kafanchan in Kaduna state on Saturday, police said.",
    "Clashes in Bogot\u00e1 \u201cleft 3 dead\u201d, officials said; 12 soldiers were wounded.",
    "قتل ثمانية أشخاص على الأقل في هجوم على قرية في شمال البلاد، بحسب الشرطة.",
    "Au moins huit personnes ont été tuées dans une attaque contre un village du nord du pays, selon la police.",
]


def seeds() -> list[bytes]:
    out: list[bytes] = []
    examples = ROOT / "examples"
    for path in sorted(examples.glob("*"))[:12]:
        if path.is_file():
            out.append(path.read_bytes()[:20_000])
    for text in SEED_TEXTS:
        for codec in ("utf-8", "utf-16", "cp1252", "cp1256", "latin-1"):
            try:
                out.append(text.encode(codec))
            except UnicodeEncodeError:
                pass
        out.append(f"<html><head><title>T</title></head><body><p>{text}</p></body></html>".encode())
        out.append((json.dumps({"id": "a", "text": text, "published": "2024-02-14"}) + "\n"
                    + json.dumps({"id": "b", "text": text}) + "\n").encode())
    return out


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(b))
        if op == 0 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and b:
            del b[pos:pos + rng.randint(1, 64)]
        elif op == 3:
            b = b[:pos]
        elif op == 4:
            other = rng.choice(pool)
            start = rng.randint(0, len(other))
            b[pos:pos] = other[start:start + rng.randint(1, 400)]
        elif op == 5 and b:
            piece = b[pos:pos + rng.randint(1, 32)]
            b[pos:pos] = piece * rng.randint(2, 50)
        else:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(b[:200_000])


def check_items(items) -> None:
    from tallied.models import Report, Skip

    for item in items:
        if isinstance(item, Skip):
            assert item.reason in REASONS, f"unknown skip reason {item.reason!r}: {item.message}"
            assert item.message and "\n" not in item.message, f"bad message {item.message!r}"
        else:
            assert isinstance(item, Report), f"not a Report or Skip: {type(item).__name__}"
            assert "\r" not in item.raw_text, "CR left in raw_text"


def check_results(results) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.robust.invariants import check_result

    for result in results:
        check_result(result)


def one(data: bytes, suffix: str, rng: random.Random, extract: float, folder: Path) -> int:
    from tallied import ingest
    from tallied.models import Report
    from tallied.pipeline import process

    path = folder / f"input{suffix}"
    path.write_bytes(data)
    runs = [list(ingest.run([str(path)])),
            list(ingest.run(["-"], stdin=io.TextIOWrapper(io.BytesIO(data), encoding="utf-8",
                                                          errors="surrogateescape"))),
            list(ingest.run(["-"], stdin=io.StringIO(data.decode("utf-8", "replace"))))]
    n = 0
    for items in runs:
        check_items(items)
        n += len(items)
        reports = [i for i in items if isinstance(i, Report)]
        if reports and rng.random() < extract:
            check_results(process(reports[:3]))
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--iterations", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--extract", type=float, default=0.1, help="share of inputs also run through the pipeline")
    ap.add_argument("--out", default="fuzz-crashes")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    rng = random.Random(args.seed)
    pool = seeds()
    out = Path(args.out)
    findings: dict[str, int] = {}
    started = time.monotonic()
    done = items = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while done < args.iterations and time.monotonic() - started < args.seconds:
            data = mutate(rng.choice(pool), rng, pool)
            suffix = rng.choice([".txt", ".html", ".jsonl"])
            try:
                items += one(data, suffix, rng, args.extract, folder)
            except Exception as exc:  # noqa: BLE001 - a fuzz finding, recorded and counted
                key = f"{type(exc).__name__}: {str(exc)[:80]}"
                findings[key] = findings.get(key, 0) + 1
                if findings[key] == 1:
                    out.mkdir(parents=True, exist_ok=True)
                    name = f"finding-{len(findings):03d}{suffix}"
                    (out / name).write_bytes(data)
                    (out / f"{name}.txt").write_text(traceback.format_exc(), encoding="utf-8")
            if rng.random() < 0.02 and len(pool) < 400:
                pool.append(data)  # keep some mutants as new seeds
            done += 1
    print(json.dumps({"inputs": done, "items": items, "seconds": round(time.monotonic() - started, 1),
                      "seed": args.seed, "findings": findings, "out": str(out) if findings else None},
                     indent=2))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
