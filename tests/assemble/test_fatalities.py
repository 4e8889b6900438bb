"""ACLED fatality coding from figures: conservative totals, parts not added twice, context out."""
from tallied.assemble.fatalities import tally
from tallied.models import Evidence, Figure


def fig(best, who, side="unknown", qualifier="exact", low=None, stated=None, sentence=0, **kw):
    low = best if low is None else low
    return Figure(kind=kw.pop("kind", "killed"), low=low, best=best,
                  high=None if qualifier in ("at least", "more than") else best,
                  qualifier=qualifier, who=who, side=side, according_to=kw.pop("according_to", None),
                  status=kw.pop("status", "reported"), evidence=Evidence(sentence, sentence + 1, "x"),
                  sentence=sentence, stated=best if stated is None else stated, **kw)


def test_tally_total_and_its_parts_are_not_added_twice():
    figs = [fig(201, "people", qualifier="more than", stated=200),
            fig(175, "IS members", side="armed"), fig(27, "soldiers", side="state"),
            fig(7, "civilians", side="civilians", qualifier="at least")]
    t = tally(figs)
    assert (t.value, t.low, t.high) == (209, 201, 209)


def test_tally_conflicting_sources_take_the_lowest_figure():
    figs = [fig(8, "soldiers", side="state", according_to="the army"),
            fig(12, "soldiers", side="state", according_to="a local official", sentence=2)]
    t = tally(figs)
    assert (t.value, t.low, t.high) == (8, 8, 12)


def test_tally_part_of_a_total_is_not_added():
    total = fig(15, "people", qualifier="at least")
    part = fig(3, "children", side="civilians", part_of=0)
    assert tally([total, part]).value == 15


def test_tally_context_and_denied_figures_do_not_count():
    figs = [fig(5, "people"), fig(10000, "people", scope="context"), fig(40, "soldiers", side="state", status="denied")]
    assert tally(figs).value == 5


def test_tally_same_unnamed_victim_mentioned_twice_counts_once():
    figs = [fig(1, "man", side="civilians", implicit=True), fig(1, "victim", implicit=True, sentence=1)]
    assert tally(figs).value == 1


def test_tally_explicit_zero_gives_way_to_a_death():
    figs = [fig(0, None), fig(1, "militant", side="armed", implicit=True, sentence=1)]
    assert tally(figs).value == 1


def test_tally_report_own_coding_wins():
    figs = [fig(10, None, qualifier="vague", coded=True), fig(3, "people", sentence=1)]
    assert tally(figs).value == 10


def test_tally_injured_is_its_own_kind():
    figs = [fig(3, "people"), fig(25, "people", kind="injured")]
    assert (tally(figs, "killed").value, tally(figs, "injured").value) == (3, 25)
