"""The desk: one open :class:`tallied.store.Store` behind a lock.

The store's DuckDB connection must not be used by two threads at once, and FastAPI runs plain
``def`` routes in a thread pool; every route reaches the store through ``with desk.store() as s``.
Extraction (the slow part of an ingest) runs outside the lock.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager


class Desk:
    def __init__(self, store):
        self._store = store
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str, create: bool = False) -> "Desk":
        """The store at ``path``; a missing file is an error unless ``create`` (a mistyped
        --db must not serve an empty desk)."""
        from ..store import Store

        return cls(Store.open(path, create=create))

    @property
    def path(self) -> str:
        return self._store.path

    @contextmanager
    def store(self):
        with self._lock:
            yield self._store

    def close(self) -> None:
        with self._lock:
            self._store.close()

    def add_user(self, name: str) -> str:
        with self.store() as s:
            return s.add_user(name)

    def user_for_token(self, token: str) -> str | None:
        with self.store() as s:
            return s.check_token(token)
