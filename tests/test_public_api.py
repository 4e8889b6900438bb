"""The declared public surface (httpx habit): what ``tallied`` exports, and nothing stale."""
import tallied


def test_public_api_names_resolve():
    for name in tallied.__all__:
        assert hasattr(tallied, name), name


def test_public_api_extract_text_returns_dataclasses(nlp):
    result = tallied.extract_text("Gunmen killed two farmers near Maiduguri in Borno state.")
    assert isinstance(result, tallied.Result)
    assert all(isinstance(e, tallied.Event) for e in result.events)
    assert result.events and result.events[0].fatalities == 2
