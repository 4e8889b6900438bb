"""The desk on a store of 10,000 incidents: p50/p95 of the list, a filter and an incident open.

    python bench/desk.py [--incidents 10000] [--requests 60] [--db PATH]

Builds the store through ``Store.ingest`` (the real write and reconciliation path) from
synthetic reports: each is a short generated text with one event coded on it (actors,
place, date, figure and evidence spans) and random filler words, so reports are neither exact
nor near-duplicates, and places and dates are spread so that few reports merge. Skipping the
NLP keeps the build to minutes; what is measured is the desk, not extraction. Then a real
uvicorn server on loopback answers HTML pages over HTTP (httpx), timed end to end.
Reuse a built store with --db (it is built there when the file does not exist).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from tallied.models import Event, Evidence, Figure, Report, Result  # noqa: E402

COUNTRIES = [  # iso3, name, admin1 names, lat/lon box
    ("SYR", "Syria", ["Al-Hasakah", "Aleppo", "Idlib", "Deir ez-Zor"], (32.5, 37.0, 36.0, 42.0)),
    ("NGA", "Nigeria", ["Borno", "Yobe", "Adamawa", "Zamfara"], (6.0, 13.5, 4.0, 14.0)),
    ("MLI", "Mali", ["Mopti", "Gao", "Timbuktu", "Segou"], (11.0, 20.0, -11.0, 3.0)),
    ("SDN", "Sudan", ["Khartoum", "North Darfur", "West Darfur", "Kordofan"], (10.0, 21.0, 22.0, 36.0)),
    ("UKR", "Ukraine", ["Donetsk", "Kharkiv", "Kherson", "Zaporizhzhia"], (45.0, 51.0, 23.0, 39.0)),
    ("MEX", "Mexico", ["Guerrero", "Michoacan", "Sinaloa", "Jalisco"], (16.0, 30.0, -115.0, -90.0)),
]
ACTORS = ["Islamic State", "Military Forces of Nigeria (2023-)", "JNIM: Group for Support of Islam and Muslims",
          "Rapid Support Forces", "Military Forces of Russia (2000-)", "Unidentified Armed Group"]
SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ze", "no", "sa", "bi", "da", "fe", "gu", "ho", "ji", "ku"]


def word(rng) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def synthetic_result(i: int, rng: random.Random) -> Result:
    iso3, country, admins, (la0, la1, lo0, lo1) = rng.choice(COUNTRIES)
    admin1 = rng.choice(admins)
    town = word(rng).capitalize()
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    killed = rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 35, 60, 150])
    a1, a2 = rng.sample(ACTORS, 2)
    lead = f"{a1} fighters killed {killed} people in {town}, {admin1}, {country} on {day:%d %B %Y}, officials said."
    filler = " ".join(word(rng) for _ in range(60))
    text = f"{lead}\n\n{filler}.\n"

    def ev(fragment: str) -> Evidence:
        start = text.index(fragment)
        return Evidence(start, start + len(fragment), fragment)

    count = ev(f"killed {killed} people")
    figure = Figure(kind="killed", low=killed, best=killed, high=killed, qualifier="exact",
                    who="people", side="unknown", according_to="officials", status="reported",
                    evidence=count, stated=killed)
    event = Event(event_date=day.isoformat(), time_precision=1, disorder_type="Political violence",
                  event_type="Battles", sub_event_type="Armed clash", actor1=a1, actor2=a2,
                  iso3=iso3, country=country, admin1=admin1, location=town,
                  latitude=round(rng.uniform(la0, la1), 4), longitude=round(rng.uniform(lo0, lo1), 4),
                  geo_precision=1, fatalities=killed, date_start=day.isoformat(),
                  date_end=day.isoformat(), date_prec=1, where_prec=1, deaths_unknown=killed,
                  best=killed, low=killed, high=killed, primary=True, figures=[figure])
    event.add_evidence("fatalities", count)
    event.add_evidence("actor1", ev(a1))
    event.add_evidence("location", ev(town))
    event.add_evidence("event_date", ev(f"{day:%d %B %Y}"))
    report = Report(source=f"bench:{i}", raw_text=text, outlet=f"Outlet {i % 40}",
                    published=day + timedelta(days=1), title=lead[:60], language="en")
    return Result(source=report.source, report=report, events=[event], figures=[figure])


def build(db: str, n: int) -> None:
    from tallied.store import Store

    rng = random.Random(7)
    t0 = time.perf_counter()
    with Store.open(db) as store:
        for start in range(0, n, 500):
            store.ingest([synthetic_result(i, rng) for i in range(start, min(start + 500, n))])
            print(f"  built {min(start + 500, n):>6} reports  {time.perf_counter() - t0:6.1f} s",
                  file=sys.stderr, flush=True)


def timed(client, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url, headers={"accept": "text/html"})
    elapsed = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
    return elapsed


def percentiles(ms: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return statistics.median(ms), q[94], max(ms)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=60, help="requests per measured page")
    ap.add_argument("--db", help="store to use (built there if missing)")
    args = ap.parse_args()

    import httpx

    from desk_live import live_server
    from tallied.api import create_app
    from tallied.api.desk import Desk

    db = args.db or str(Path(tempfile.mkdtemp(prefix="tallied-bench-")) / "desk.duckdb")
    if not Path(db).exists():
        print(f"building {args.incidents:,} synthetic reports into {db}", file=sys.stderr)
        t = time.perf_counter()
        build(db, args.incidents)
        print(f"build: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    desk = Desk.open(db)
    with desk.store() as store:
        ids = [r["id"] for r in store.incidents(None, limit=100_000, sort="id")[0]]
    rng = random.Random(11)
    total = len(ids)
    pages = {
        "list": lambda: f"/incidents?offset={rng.randrange(0, max(total - 50, 1))}",
        "filter": lambda: "/incidents?" + rng.choice([
            f"country={rng.choice(COUNTRIES)[1]}&min_fatalities={rng.choice([5, 20, 60])}",
            f"actor={rng.choice(['Islamic', 'Rapid', 'JNIM'])}&date_from=2021-01-01&date_to=2022-06-30",
            f"admin1={rng.choice(COUNTRIES[1][2])}&sort=fatalities",
            f"event_type=Battles&review_status=unreviewed&sort=-date&offset=200"]),
        "open": lambda: f"/incidents/{rng.choice(ids)}",
        "map (JSON twin)": lambda: f"/map.json?country={rng.choice(COUNTRIES)[1]}",
        "timeline": lambda: f"/timeline?country={rng.choice(COUNTRIES)[1]}&date_from=2022-01-01&date_to=2022-12-31",
    }
    with live_server(create_app(desk)) as url, httpx.Client(base_url=url, timeout=60) as client:
        for make in pages.values():  # warm up every route once
            timed(client, make())
        print(f"\ndesk on {total:,} incidents ({db}); {args.requests} requests per page, "
              "sequential, HTML over HTTP on loopback\n")
        print(f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        worst = 0.0
        for name, make in pages.items():
            ms = [timed(client, make()) for _ in range(args.requests)]
            p50, p95, top = percentiles(ms)
            if name in ("list", "filter", "open"):
                worst = max(worst, p95)
            print(f"{name:<18}{p50:>9.1f}{p95:>9.1f}{top:>9.1f}")
    desk.close()
    verdict = "PASS" if worst < 300 else "FAIL"
    print(f"\nlist/filter/open worst p95: {worst:.1f} ms (target < 300 ms): {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
