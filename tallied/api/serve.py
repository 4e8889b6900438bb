"""``tallied serve`` and ``tallied users add``: the wiring the CLI calls.

    add_serve_commands(subparsers)   adds "serve" and "users" to tallied's argument parser
    run_serve(args) -> exit code     runs either of them
    serve(db, host, port)            opens the store, prints the URL, runs uvicorn until Ctrl-C
"""
from __future__ import annotations

import argparse
import os
import sys

from ..errors import UsageError

DEFAULT_DB = "tallied.duckdb"


def default_db() -> str:
    return os.environ.get("TALLIED_DB", DEFAULT_DB)


def add_serve_commands(subparsers) -> None:
    sv = subparsers.add_parser("serve", help="the analyst's desk: HTTP API and review page")
    sv.add_argument("--db", default=None, help=f"DuckDB store (default $TALLIED_DB or {DEFAULT_DB})")
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback only)")
    sv.add_argument("--port", type=int, default=8000)
    us = subparsers.add_parser("users", help="users who may write through the desk")
    us_sub = us.add_subparsers(dest="users_command", required=True)
    add = us_sub.add_parser("add", help="create a user and print its token (shown once)")
    add.add_argument("name")
    add.add_argument("--db", default=None, help=f"DuckDB store (default $TALLIED_DB or {DEFAULT_DB})")


def run_serve(args: argparse.Namespace) -> int:
    db = args.db or default_db()
    if args.command == "users":
        return _users_add(db, args.name)
    serve(db, args.host, args.port)
    return 0


def _users_add(db: str, name: str) -> int:
    from .desk import Desk

    desk = Desk.open(db, create=True)
    try:
        token = desk.add_user(name)
    finally:
        desk.close()
    print(f"user {name!r} added; their token (shown only now, stored hashed):", file=sys.stderr)
    print(token)
    return 0


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    from .app import create_app
    from .desk import Desk

    if not 0 < port < 65536:
        raise UsageError(f"--port {port}: not a TCP port (1-65535)")
    desk = Desk.open(db)
    app = create_app(desk)
    shown = f"[{host}]" if ":" in host else host
    print(f"tallied desk on http://{shown}:{port}/  (store {db}; Ctrl-C to stop)", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("tallied: warning: reading is open to anyone who can reach this address; "
              "writes still need a token", file=sys.stderr)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        desk.close()
