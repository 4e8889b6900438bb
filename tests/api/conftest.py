"""The desk fixtures (tests/desk_fixtures.py): a Hasakah store, a token, a live server."""
from desk_fixtures import desk_store, hasakah_id, hasakah_paths, server, token  # noqa: F401
