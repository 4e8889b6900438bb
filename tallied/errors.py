"""Errors that tallied raises on purpose.

    TalliedError                 base: a message for the user, no traceback
    ├── InputError               a report file or line that cannot be read (names the file)
    ├── ResourceError            a bundled resource (model, gazetteer, catalogue) is missing or broken
    ├── UsageError               a bad command-line argument or setting
    └── StoreError               the database cannot be used (missing, not tallied's, newer schema)
        ├── NotFoundError        no such incident, report, figure or user
        └── ConflictError        a stale edit: the value changed since the analyst read it
"""


class TalliedError(Exception):
    """Base class: ``str(exc)`` is a one-line message fit for the user."""


class InputError(TalliedError):
    def __init__(self, source: str, message: str, reason: str = "unreadable"):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = reason


class ResourceError(TalliedError):
    pass


class UsageError(TalliedError):
    pass


class StoreError(TalliedError):
    pass


class NotFoundError(StoreError):
    pass


class ConflictError(StoreError):
    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.current = current
