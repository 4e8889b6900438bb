"""tallied: news reports about armed conflict in, ACLED/UCDP-style events with evidence out."""
__version__ = "0.1.0"
