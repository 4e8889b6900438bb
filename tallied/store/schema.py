"""The store's tables, its schema version and the forward migrations.

    meta             key/value: schema_version
    reports          one row per distinct clean text (id = content hash); near_duplicate_of
    report_bands     MinHash LSH bands of each report (near-duplicate lookups)
    skips            reports that were not processed, and why
    report_events    what one report says: an Event's columns, its JSON, its figures' indices
    event_keys       place keys of each report event (the blocking index of reconciliation)
    figures          every figure of every report, with its evidence span
    matches          scored pairs of report events (auto) and analyst merges (analyst)
    event_pins       report events an analyst split out: automatic matches ignored
    incidents        one row per real-world event, reconciled fields with edits applied
    incident_links   report event -> incident, with the score and reasons of the match
    edits            the audit trail: who, when, what, old value, new value, reason
    users            analysts and their hashed tokens

A migration is a list of statements that takes the schema from version N-1 to N; a database
from a newer tallied is refused rather than guessed at.
"""
from __future__ import annotations

SCHEMA_VERSION = 2

_V1 = [
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE reports (
        id VARCHAR PRIMARY KEY, external_id VARCHAR, source VARCHAR, url VARCHAR, outlet VARCHAR,
        published DATE, title VARCHAR, language VARCHAR, raw_text VARCHAR, clean_text VARCHAR,
        offsets JSON, ingested_at TIMESTAMP, near_duplicate_of VARCHAR, near_duplicate_score DOUBLE,
        minhash BLOB)""",
    "CREATE TABLE report_bands (band INTEGER, hash BIGINT, report_id VARCHAR)",
    "CREATE INDEX report_bands_idx ON report_bands (band, hash)",
    """CREATE TABLE skips (id VARCHAR PRIMARY KEY, source VARCHAR, external_id VARCHAR,
        reason VARCHAR, message VARCHAR, skipped_at TIMESTAMP)""",
    """CREATE TABLE report_events (
        id VARCHAR PRIMARY KEY, report_id VARCHAR, idx INTEGER, is_primary BOOLEAN,
        event_date DATE, date_start DATE, date_end DATE, time_precision INTEGER,
        event_type VARCHAR, sub_event_type VARCHAR, actor1 VARCHAR, actor2 VARCHAR,
        iso3 VARCHAR, country VARCHAR, admin1 VARCHAR, admin2 VARCHAR, location VARCHAR,
        latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER, fatalities INTEGER,
        iso3s VARCHAR[], actors VARCHAR[], numbers INTEGER[], figure_idx INTEGER[], data JSON)""",
    "CREATE TABLE event_keys (event_id VARCHAR, key VARCHAR)",
    "CREATE INDEX event_keys_key ON event_keys (key)",
    "CREATE INDEX event_keys_event ON event_keys (event_id)",
    """CREATE TABLE figures (
        id VARCHAR PRIMARY KEY, report_id VARCHAR, idx INTEGER, kind VARCHAR, low INTEGER,
        best INTEGER, high INTEGER, qualifier VARCHAR, who VARCHAR, side VARCHAR,
        according_to VARCHAR, source_actor VARCHAR, status VARCHAR, scope VARCHAR,
        count_text VARCHAR, revision VARCHAR, ev_start INTEGER, ev_end INTEGER, ev_text VARCHAR,
        data JSON)""",
    "CREATE INDEX figures_report ON figures (report_id)",
    """CREATE TABLE matches (a VARCHAR, b VARCHAR, score DOUBLE, reasons JSON, origin VARCHAR,
        PRIMARY KEY (a, b, origin))""",
    "CREATE INDEX matches_b ON matches (b)",
    "CREATE TABLE event_pins (event_id VARCHAR PRIMARY KEY)",
    """CREATE TABLE incidents (
        id VARCHAR PRIMARY KEY, event_date DATE, date_start DATE, date_end DATE,
        time_precision INTEGER, disorder_type VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
        actor1 VARCHAR, assoc_actor_1 VARCHAR, inter1 VARCHAR, actor2 VARCHAR,
        assoc_actor_2 VARCHAR, inter2 VARCHAR, interaction VARCHAR, civilian_targeting VARCHAR,
        iso3 VARCHAR, country VARCHAR, admin1 VARCHAR, admin2 VARCHAR, admin3 VARCHAR,
        location VARCHAR, latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
        where_prec INTEGER, fatalities INTEGER, injured INTEGER, captured INTEGER,
        displaced INTEGER, low INTEGER, best INTEGER, high INTEGER, deaths_a INTEGER,
        deaths_b INTEGER, deaths_civilians INTEGER, deaths_unknown INTEGER, n_reports INTEGER,
        n_sources INTEGER, review_status VARCHAR, rules JSON, toll_history JSON)""",
    """CREATE TABLE incident_links (event_id VARCHAR PRIMARY KEY, incident_id VARCHAR,
        score DOUBLE, reasons JSON)""",
    "CREATE INDEX incident_links_incident ON incident_links (incident_id)",
    "CREATE SEQUENCE edits_seq START 1",
    """CREATE TABLE edits (id BIGINT PRIMARY KEY DEFAULT nextval('edits_seq'), edited_at TIMESTAMP,
        user_name VARCHAR, incident_id VARCHAR, action VARCHAR, field VARCHAR, old_value JSON,
        new_value JSON, reason VARCHAR, target VARCHAR)""",
    "CREATE TABLE users (name VARCHAR PRIMARY KEY, token_hash VARCHAR, created_at TIMESTAMP)",
]

# 1 -> 2: the blocking and band indexes live in memory (tallied/store/blocking.py, lsh.py), which
# load the tables whole; no query looks rows up by key or band any more, and an ART index that no
# query reads only costs every insert and every checkpoint (its whole copy is rewritten)
_V2 = [
    "DROP INDEX IF EXISTS report_bands_idx",
    "DROP INDEX IF EXISTS event_keys_key",
    "DROP INDEX IF EXISTS event_keys_event",
]

# MIGRATIONS[n] takes a database from version n to n + 1 (0: an empty file).
MIGRATIONS: list[list[str]] = [_V1, _V2]

TABLES = ("meta", "reports", "report_bands", "skips", "report_events", "event_keys", "figures",
          "matches", "event_pins", "incidents", "incident_links", "edits", "users")
