"""tallied: news reports about armed conflict in, ACLED/UCDP-style events with evidence out.

    from tallied import extract_text
    result = extract_text(text, published=date(2024, 3, 12), outlet="Demo Wire")
    result.events[0].fatalities, result.events[0].evidence["fatalities"]

The public surface is ``__all__``; everything else is private to the package and may change.
"""
from .errors import InputError, ResourceError, TalliedError, UsageError
from .models import ActorRef, Event, Evidence, Figure, Place, Report, Result, Skip, TimeRef
from .pipeline import extract_reports, extract_text, process

__version__ = "0.1.0"

__all__ = [
    "extract_text", "extract_reports", "process",
    "Report", "Result", "Event", "Figure", "Evidence", "ActorRef", "Place", "TimeRef", "Skip",
    "TalliedError", "InputError", "ResourceError", "UsageError",
    "__version__",
]
