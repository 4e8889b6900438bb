"""Clean rules on small made-up texts: what goes, what stays, and the offset map."""
from __future__ import annotations

from datetime import date

from tallied import clean
from tallied.models import Report

LEDE = ("Gunmen killed at least eight people in a raid on a village in the north of the country "
        "on Saturday, police said.")
MORE = "The attackers fled into the forest after the raid, residents said."


def _run(text: str, **kwargs) -> Report:
    report = clean.run(Report(source="t.txt", raw_text=text, **kwargs))
    if report.offsets:
        assert all(report.raw_text[o] == ch for o, ch in zip(report.offsets, report.clean_text))
        assert len(report.offsets) == len(report.clean_text)
    return report


def test_clean_unchanged_text_has_empty_offsets():
    text = f"Village raid kills eight\n{LEDE}\n{MORE}"
    report = _run(text)
    assert report.clean_text == text and report.offsets == []


def test_clean_share_buttons_and_read_more_lines_go():
    text = f"Village raid\n\nShare on Facebook\nTweet\nWhatsApp\n\n{LEDE}\n\nRead more: Other story\n\nAdvertisement\n\n{MORE}"
    report = _run(text)
    assert report.clean_text == f"Village raid\n\n{LEDE}\n\n{MORE}"


def test_clean_caption_glued_twice_keeps_one_copy_without_credit():
    caption = "Soldiers patrol the market after the attack"
    report = _run(f"Headline here\n\n{LEDE}\n\n{caption} {caption} Photo: Reuters\n\n{MORE}")
    assert report.clean_text.count(caption) == 1
    assert "Reuters" not in report.clean_text


def test_clean_repeated_sentence_glued_in_paragraph_keeps_one():
    sentence = "Security forces sealed off the area around the market on Sunday."
    report = _run(f"Headline\n\n{LEDE} {sentence} {sentence} {MORE}")
    assert report.clean_text.count(sentence) == 1 and MORE in report.clean_text


def test_clean_short_repeated_quote_is_kept():
    report = _run(f"Headline\n\n{LEDE}\n\nWe will return. We will return.\n\n{MORE}")
    assert "We will return. We will return." in report.clean_text


def test_clean_trailing_spam_block_goes():
    report = _run(f"Headline\n\n{LEDE}\n\n{MORE}\n\nLeave a Comment\n\nSMM Panel\nPDF Kitap indir\nCheap Followers")
    assert report.clean_text.endswith(MORE)


def test_clean_trailing_truncated_prose_is_kept():
    cut = ("And the governor said that the security forces who arrived at the village late in the "
           "evening found the houses burned and the survivors gathered in the compound of the")
    report = _run(f"Headline\n\n{LEDE}\n\n{cut}")
    assert report.clean_text.endswith(cut)


def test_clean_related_headline_rail_in_middle_goes():
    rail = "\n".join([
        "Mali junta extends transition as attacks rise",
        "02:37",
        "Five killed in Niger mine collapse",
        "Three aid workers freed in Sudan",
    ])
    report = _run(f"Headline\n\n{LEDE}\n\n{rail}\n\n{MORE}")
    assert "Mali junta" not in report.clean_text and "aid workers" not in report.clean_text
    assert MORE in report.clean_text


def test_clean_subheading_between_paragraphs_is_kept():
    report = _run(f"Headline\n\n{LEDE}\n\nChildren also held at the prison\n\n{MORE}")
    assert "Children also held at the prison" in report.clean_text


def test_clean_list_announced_with_colon_is_kept():
    names = "Amina Bello\nMusa Ibrahim\nSani Lawal"
    report = _run(f"Headline\n\n{LEDE}\n\nThe dead were named as:\n{names}\n\n{MORE}")
    assert names in report.clean_text


def test_clean_navigation_menu_at_top_goes_and_headline_stays():
    report = _run(f"Home\nWorld\nAfrica\nSport\nBusiness\nVillage raid kills eight in north\n{LEDE}\n{MORE}")
    assert report.clean_text.startswith("Village raid kills eight in north\n")


def test_clean_byline_timestamp_cookie_and_copyright_go_and_date_is_kept():
    text = (f"Village raid kills eight\nBy Jane Doe and John Roe\nPublished: July 15, 2023\n"
            "We use cookies to improve your experience. By continuing you accept our cookie policy.\n"
            f"{LEDE}\n{MORE}\n© 2023 Demo Wire. All rights reserved.")
    report = _run(text)
    assert report.clean_text == f"Village raid kills eight\n{LEDE}\n{MORE}"
    assert report.published == date(2023, 7, 15)


def test_clean_given_published_date_is_not_overridden():
    report = _run(f"Headline\nPublished: July 15, 2023\n{LEDE}", published=date(2023, 7, 16))
    assert report.published == date(2023, 7, 16)


def test_clean_dateline_is_kept():
    report = _run(f"Village raid kills eight\nThursday, December 3, 2009\nMap of the region\n{LEDE}")
    assert "Thursday, December 3, 2009\n" in report.clean_text


def test_clean_all_boilerplate_keeps_text_whole():
    report = _run("Share\nTweet\nAdvertisement")
    assert report.clean_text == report.raw_text
