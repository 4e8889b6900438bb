"""Reconcile: report events from many reports -> incidents, one per real-world event.

    neardup   MinHash signatures and LSH bands: the same wire story re-published
    keys      what blocking and matching read of one report event
    match     the symmetric pair score, with reasons
    policy    the written policy from an incident's members to its reconciled fields

The store runs them (tallied/store/write.py and incidents.py); everything here is pure.
"""
from .match import EventKey, is_match, score
from .policy import Member, derive

__all__ = ["EventKey", "is_match", "score", "Member", "derive"]
