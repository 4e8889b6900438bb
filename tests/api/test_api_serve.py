"""``tallied serve`` and ``tallied users add`` as a user runs them."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx

from desk_fixtures import REPO_ROOT


def _cli(*args, **kw):
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run([sys.executable, "-m", "tallied.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120, **kw)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_api_serve_users_add_prints_a_token_once(tmp_path):
    db = str(tmp_path / "u.duckdb")
    done = _cli("users", "add", "ana", "--db", db)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert len(token) >= 32 and "\n" not in token
    bad = _cli("users", "add", "no spaces please", "--db", db)
    assert bad.returncode == 2 and bad.stderr.startswith("tallied: error:") and "Traceback" not in bad.stderr


def test_api_serve_prints_the_url_and_serves(tmp_path):
    db = str(tmp_path / "s.duckdb")
    assert _cli("users", "add", "ana", "--db", db).returncode == 0  # creates the store
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tallied.cli", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/incidents.json")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["total"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_api_serve_refuses_a_missing_database(tmp_path):
    done = _cli("serve", "--db", str(tmp_path / "typo.duckdb"))
    assert done.returncode == 2 and "no such database" in done.stderr and "Traceback" not in done.stderr
