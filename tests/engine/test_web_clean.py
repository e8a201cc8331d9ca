"""Web pages reduced to their article: text, metadata, what was left out, and offsets into the page."""

from __future__ import annotations

import re

from newsview.clean import clean_article, source_offset

TEASER_PAGE = """<!DOCTYPE html>
<html><head><title>Council votes to keep the night bus | Riverside Gazette</title>
<meta name="author" content="Sam Okoye; Lena Park">
<meta property="article:published_time" content="2024-11-02">
<link rel="canonical" href="https://gazette.example/news/night-bus">
</head><body>
<header><a href="/">Riverside Gazette</a></header>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="teaser"><p>The council voted on Tuesday to keep the night bus running for another year.</p></div>
<article>
<h1>Council votes to keep the night bus</h1>
<p>The council voted on Tuesday to keep the night bus running for another year, after a petition
signed by more than 4,000 residents.</p>
<p>&ldquo;Nurses and cleaners ride it every night,&rdquo; said councillor Maria Oduya&nbsp;&mdash; who
proposed the motion &amp; led the vote.</p>
<p>The route costs the town about &pound;180,000 a year, the finance office said in its report to the council.</p>
<p>Opponents said the money would be better spent on daytime routes, which carry far more passengers each week.</p>
</article>
<div class="share-bar"><a href="#">Share on X</a> <a href="#">Email this story</a></div>
<section id="comments"><p>Great news for shift workers, finally some sense from the council!</p></section>
<footer><p>&copy; 2024 Riverside Gazette. All rights reserved.</p></footer>
</body></html>
"""


def runs_are_exact(page: str, cleaned) -> None:
    """Every run of the offset map copies the page character for character."""
    for clean_start, source_start, length in cleaned.offset_map:
        assert page[source_start : source_start + length] == cleaned.text[clean_start : clean_start + length]


def test_the_article_its_metadata_and_nothing_of_the_page_around_it():
    cleaned = clean_article(TEASER_PAGE)
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == "Council votes to keep the night bus" == cleaned.meta.title
    assert paragraphs[1].startswith("The council voted on Tuesday to keep the night bus running for another year, after")
    assert paragraphs[2] == "“Nurses and cleaners ride it every night,” said councillor Maria Oduya\u00a0— who proposed the motion & led the vote."
    assert len(paragraphs) == 5
    for junk in ("Share on X", "Great news for shift workers", "All rights reserved", "Sport"):
        assert junk not in cleaned.text
    meta = cleaned.meta
    assert (meta.byline, meta.date, meta.publisher, meta.url) == (
        "Sam Okoye and Lena Park", "2024-11-02", "Riverside Gazette", "https://gazette.example/news/night-bus"
    )


def test_every_kept_character_maps_into_the_page_and_entities_to_their_entity():
    cleaned = clean_article(TEASER_PAGE)
    runs_are_exact(TEASER_PAGE, cleaned)
    mapped = {i for start, _, n in cleaned.offset_map for i in range(start, start + n)}
    unmapped = {cleaned.text[i] for i in range(len(cleaned.text)) if i not in mapped}
    assert unmapped <= set("\n “”\u00a0—&£"), unmapped  # separators and decoded entities only
    for char, entity in (("—", "&mdash;"), ("£", "&pound;"), ("&", "&amp;")):
        at = cleaned.text.index(char)
        assert TEASER_PAGE[source_offset(cleaned.offset_map, at) :].startswith(entity)


def test_a_paragraph_maps_to_the_article_not_to_a_teaser_that_repeats_its_start():
    cleaned = clean_article(TEASER_PAGE)
    body = cleaned.text.index("The council voted on Tuesday")
    assert source_offset(cleaned.offset_map, body) > TEASER_PAGE.index("<article>")


def test_left_out_text_is_listed_once_per_block_with_its_reason():
    cleaned = clean_article(TEASER_PAGE)
    by_reason = {}
    for r in cleaned.removed:
        by_reason.setdefault(r.reason, []).append(r.text)
        first_word = re.search(r"\w+", r.text)
        assert first_word and first_word.group() in TEASER_PAGE[r.start : r.end]
    assert by_reason["navigation"] == ["News", "Sport"]
    assert by_reason["share"] == ["Share on X Email this story"]
    assert by_reason["comments"] == ["Great news for shift workers, finally some sense from the council!"]
    assert by_reason["footer"] == ["© 2024 Riverside Gazette. All rights reserved."]
    assert "The council voted on Tuesday to keep the night bus running for another year." in by_reason["not main text"]


def test_an_html_fragment_is_recognised_and_read():
    cleaned = clean_article("<p>The mayor said the ferry would sail again on Friday.</p>\n<nav>Home</nav>")
    assert cleaned.text == "The mayor said the ferry would sail again on Friday."
    assert [(r.reason, r.text) for r in cleaned.removed] == [("navigation", "Home")]


def test_an_entity_that_decodes_to_an_escape_is_removed_as_a_control():
    page = ("<html><body><article><h1>Alert here</h1><p>Red &#27;[31mtext&#27;[0m here, with enough words to read"
            " as the article of this page.</p></article></body></html>")
    cleaned = clean_article(page)
    assert "\x1b" not in cleaned.text and "[31m" not in cleaned.text
    assert "Red text here" in cleaned.text
    assert any(r.reason == "control" for r in cleaned.removed)


def test_a_heading_the_page_title_names_beats_the_site_name():
    page = """<html><head><title>Portside Courier &raquo; Harbour ferry returns</title></head><body>
    <h1 id="site-title">Portside Courier</h1>
    <div class="post"><h2>Harbour ferry returns</h2>
    <p>The ferry Gull sailed again on Friday morning, two winters after the harbour board laid her up.</p>
    <p>Islanders said the timetable was still too thin for commuters, and the council promised a review.</p>
    </div></body></html>"""
    cleaned = clean_article(page)
    assert cleaned.meta.title == "Harbour ferry returns" and cleaned.meta.publisher == "Portside Courier"
    assert cleaned.text.startswith("Harbour ferry returns\n\nThe ferry Gull")


def test_a_saved_page_is_decoded_with_the_charset_it_declares(tmp_path):
    from newsview import engine
    from newsview.reader import read_article

    page = ("<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>Паром вернулся</title></head><body>"
            "<article><h1>Паром вернулся</h1><p>Паром снова вышел в море в пятницу утром, после двух зим ремонта.</p>"
            "<p>Жители острова сказали, что расписание всё ещё слишком редкое.</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    raw = read_article(path)
    assert raw.encoding == "windows-1251"
    doc = engine.prepare(raw)
    assert doc.meta.title == "Паром вернулся" and "Жители острова сказали" in doc.text


def test_a_page_labelled_latin_1_is_read_as_windows_1252(tmp_path):
    from newsview.reader import read_article

    page = "<html><head><meta charset=iso-8859-1></head><body><p>“Curly quotes” – said Zoë.</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    assert "“Curly quotes” – said Zoë." in read_article(path).text
