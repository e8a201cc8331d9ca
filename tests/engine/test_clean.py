"""Cleaning: escapes never survive, boilerplate goes, body prose never does, offsets map back."""

from __future__ import annotations

import html
import random
import re
import unicodedata
from pathlib import Path

import pytest

from newsview.clean import clean_article, source_offset
from newsview.reader import read_article
from newsview.safe_text import sanitize

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared" / "samples"
DATA = Path(__file__).resolve().parents[1] / "data"
ARCAMAX = SHARED / "arcamax-ukraine-ceasefire.txt"
HARBOUR = DATA / "harbour-ferry-boilerplate.txt"

OPEN_SAMPLES = sorted(SAMPLES.glob("wikinews-*.txt")) + sorted(SAMPLES.glob("globalvoices-*.txt"))
ALL_SAMPLES = OPEN_SAMPLES + [HARBOUR] + ([ARCAMAX] if ARCAMAX.is_file() else [])

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = [
    ("CSI colour", "red \x1b[1;31malert\x1b[0m now", "red alert now"),
    ("OSC 0 title, BEL", "before \x1b]0;PWNED title\x07 after", "before  after"),
    ("OSC 0 title, ST", "before \x1b]0;PWNED title\x1b\\ after", "before  after"),
    ("OSC 52 clipboard", "copy \x1b]52;c;cm0gLXJmIH4=\x07 done", "copy  done"),
    ("OSC 8 hyperlink", "see \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ text", "see link text"),
    ("DCS", "one \x1bP1$r0m\x1b\\ two", "one  two"),
    ("APC", "one \x1b_payload\x1b\\ two", "one  two"),
    ("8-bit CSI", "clear \x9b2J screen", "clear  screen"),
    ("C1 controls", "next \x85line \x90dcs \x9dosc", "next line dcs osc"),
    ("lone ESC", "lone \x1b escape", "lone  escape"),
    ("reset", "reset \x1bc here", "reset  here"),
    ("BEL and BS", "bell\x07 back\x08space", "bell backspace"),
]
IDS = [name for name, _, _ in HOSTILE]


# -- sanitize -----------------------------------------------------------------------


@pytest.mark.parametrize("name, hostile, expected", HOSTILE, ids=IDS)
def test_sanitize_removes_escapes_and_keeps_the_words(name, hostile, expected):
    out = sanitize(hostile)
    assert "\x1b" not in out and not UNSAFE.search(out)
    assert out == expected  # string sequences (OSC, DCS, APC) go whole, payload included


def test_sanitize_keeps_newlines_expands_tabs_and_composes():
    assert sanitize("a\tb\n\tc") == "a   b\n    c"
    assert sanitize("Cafe\u0301 e\u0301te\u0301") == "Café été"
    assert sanitize("\ud800lone") == "lone"


@pytest.mark.parametrize("name, hostile, expected", HOSTILE, ids=IDS)
def test_cleaned_text_has_no_escapes_and_keeps_the_words(name, hostile, expected):
    source = f"Headline with {hostile}\n\nBody paragraph: {hostile}, the end.\n"
    cleaned = clean_article(source)
    assert "\x1b" not in cleaned.text and not UNSAFE.search(cleaned.text)
    assert cleaned.text == f"Headline with {expected}\n\nBody paragraph: {expected}, the end."
    controls = [r for r in cleaned.removed if r.reason == "control"]
    assert controls and all(not UNSAFE.search(r.text) and "PWNED" not in r.text for r in controls)


# -- offsets --------------------------------------------------------------------------


def kept_positions(cleaned) -> list[int]:
    return [i for start, _, length in cleaned.offset_map for i in range(start, start + length)]


def assert_maps_back(source: str, cleaned, sample: int | None = None) -> None:
    """Kept characters map to themselves in the source; the rest are separators or rewritten."""
    positions = kept_positions(cleaned)
    assert positions or not re.search(r"[!-~]", cleaned.text), "nothing of the text maps back"
    if sample:
        positions = random.Random(7).sample(positions, min(sample, len(positions)))
    for i in positions:
        assert source[source_offset(cleaned.offset_map, i)] == cleaned.text[i], i
    # everything but paragraph separators and rewritten characters is in a run
    covered = set(kept_positions(cleaned))
    outside = {cleaned.text[i] for i in range(len(cleaned.text)) if i not in covered}
    # rewritten by NFC (compositions, reordered marks): never plain ASCII
    rewritten = {ch for ch in sanitize(source) if ord(ch) > 0x7F}
    rewritten |= set(html.unescape("".join(re.findall(r"&#?\w+;", source))))  # HTML entities
    assert outside <= {"\n", " "} | rewritten, outside
    offsets = [source_offset(cleaned.offset_map, i) for i in range(len(cleaned.text) + 1)]
    assert offsets == sorted(offsets) and offsets[-1] <= len(source)


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_offset_map_round_trip_on_samples(path):
    source = read_article(path).text
    cleaned = clean_article(source)
    assert_maps_back(source, cleaned, sample=500)


def test_offset_map_round_trip_through_escapes_tabs_and_accents():
    source = (
        "Title \x1b[1mbold\x1b[0m\tand e\u0301\n\n"
        + "".join(f"Para {n} \x1b]0;t{n}\x07word\x9b1m\x1b(B\tx{n} \x1bc\u0301 end.\n\n" for n in range(30))
    )
    cleaned = clean_article(source)
    assert "\x1b" not in cleaned.text
    assert_maps_back(source, cleaned)
    for para in cleaned.paragraphs[1:]:
        a, b = para.start, para.end
        assert cleaned.text[a:b].startswith("Para") and cleaned.text[a:b].endswith("end.")


def test_paragraphs_are_trimmed_and_one_blank_line_apart():
    source = "  Title here  \n\n\n \u00a0\n  First line\nsecond line  \n\u00a0\nLast.  \n\n\n"
    cleaned = clean_article(source)
    assert cleaned.text == "Title here\n\nFirst line\nsecond line\n\nLast."
    assert [cleaned.text[p.start : p.end] for p in cleaned.paragraphs] == [
        "Title here",
        "First line\nsecond line",
        "Last.",
    ]


# -- boilerplate -----------------------------------------------------------------------


def removed_lines(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


@pytest.mark.skipif(not ARCAMAX.is_file(), reason="the ArcaMax sample is not beside the repository")
def test_arcamax_boilerplate_goes_and_metadata_is_found():
    source = read_article(ARCAMAX).text
    cleaned = clean_article(source)
    title = "Trump optimistic about Ukraine ceasefire even as Putin balks"
    assert cleaned.text.startswith(title + "\n\nWASHINGTON — The Trump administration")
    assert cleaned.text.endswith("he added, according to Interfax.")
    assert "Peskov said" in cleaned.text.split("\n\n")[-1]
    meta = cleaned.meta
    assert meta.title == title and meta.title_span == (0, len(title))
    assert (meta.byline, meta.publisher, meta.dateline) == ("Nick Wadhams", "Bloomberg News", "WASHINGTON")
    gone = removed_lines(cleaned)
    for line in (
        "Current News",
        "/",
        "ArcaMax",
        "Nick Wadhams, Bloomberg News on",
        "Published in News & Features",
        "_____",
        "(With assistance from Greg Sullivan and Volodymyr Verbianyi.)",
        "©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.",
        "Comments",
        "blog comments powered by Disqus",
    ):
        assert line in gone
        assert line not in cleaned.text.split("\n\n")
    assert gone["Nick Wadhams, Bloomberg News on"] == "byline"
    for r in cleaned.removed:
        assert source[r.start : r.end] == r.text
    assert "\u00a0" not in cleaned.text
    assert len(cleaned.paragraphs) == 19


def test_hand_written_article_with_boilerplate():
    source = read_article(HARBOUR).text
    cleaned = clean_article(source)
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == 'Harbour ferry "Gull" returns after storm repairs'
    assert paragraphs[1].startswith("PORTSIDE, Maine — The harbour ferry Gull")
    assert paragraphs[-1] == "The Gull will run four crossings a day until the summer timetable starts in May."
    assert len(paragraphs) == 6
    meta = cleaned.meta
    assert meta.title == paragraphs[0] and meta.title_span == (0, len(paragraphs[0]))
    assert meta.byline == "Jane Marlowe and Tomas Reyes"
    assert meta.publisher == "Portside Courier"
    assert meta.date == "2025-03-14"
    assert meta.dateline == "PORTSIDE, Maine"
    gone = removed_lines(cleaned)
    assert gone == {
        "Home > Local > Harbour": "navigation",
        "/": "navigation",
        "Portside Courier": "publisher",
        "By JANE MARLOWE and TOMAS REYES, Portside Courier": "byline",
        "Published March 14, 2025": "date",
        "Share this": "share",
        "Advertisement": "advertisement",
        "* * *": "separator",
        "_____": "separator",
        "(With assistance from Omar Lind.)": "credit",
        "©2025 Portside Courier. All rights reserved. Visit portsidecourier.example.com.": "copyright",
        "Follow us on Twitter": "footer",
        "Sign up for our morning newsletter": "footer",
        "Comments": "comments",
        "blog comments powered by Disqus": "comments",
    }
    # the unbalanced quotation in Brandt's paragraph is left exactly as written
    assert "“The islanders never stopped asking when." in cleaned.text


def source_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t\u00a0]*\n", text) if p.strip()]


@pytest.mark.parametrize("path", OPEN_SAMPLES, ids=lambda p: p.name)
def test_no_body_paragraph_is_lost(path):
    source = read_article(path).text
    cleaned = clean_article(source)
    expected = source_paragraphs(source)
    assert [cleaned.text[p.start : p.end] for p in cleaned.paragraphs] == expected
    assert cleaned.removed == ()
    assert cleaned.meta.title == expected[0]
    assert cleaned.meta.title_span == (0, len(expected[0]))


def test_unbalanced_quotes_pass_through():
    source = (
        "Mayor says “no comment\n\n"
        "“We will not leave,” said one resident. \"The council never listened.\n\n"
        "Another said it was ‘over and done. The end.\n"
    )
    cleaned = clean_article(source)
    assert cleaned.text == source.strip()


def test_lines_that_merely_start_like_boilerplate_stay():
    body = [
        "Comments from the mayor drew criticism on Tuesday, when the council met in the old town hall.",
        "Share prices fell sharply after the announcement.",
        "Advertisement revenue at the paper has halved since 2015.",
        "By the end of the week, the river had fallen below its banks.",
        "Visitors said the new bridge was a relief.",
        "Follow-up inspections are planned for next month.",
        "Copyright lawyers for the band said they would appeal the ruling.",
    ]
    source = "Town news roundup\n\n" + "\n\n".join(body) + "\n"
    cleaned = clean_article(source)
    assert cleaned.text.split("\n\n")[1:] == body
    assert cleaned.removed == ()


@pytest.mark.parametrize(
    "head, removed",
    [
        ("Home > World > Europe", True),
        ("News / World / Europe", True),
        ("Home | Politics", True),
        ("Ukraine / Russia talks stall", False),
        ("Trump | Putin", False),
    ],
)
def test_breadcrumbs_go_but_headlines_with_slashes_stay(head, removed):
    cleaned = clean_article(f"{head}\n\nThe talks began on Monday, officials said.\n")
    assert (cleaned.removed != ()) == removed
    assert cleaned.text.startswith(head) != removed


def test_a_mid_article_section_break_and_advert_are_removed_but_prose_is_not():
    source = "Title of the story\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n\n---\n\nThird paragraph.\n"
    cleaned = clean_article(source)
    assert cleaned.text == "Title of the story\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph."
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Advertisement", "advertisement"), ("---", "separator")]


@pytest.mark.parametrize(
    "head, byline, publisher, date",
    [
        ("By Jane Doe", "Jane Doe", None, None),
        ("By JANE DOE and JOHN ROE, Associated Press", "Jane Doe and John Roe", "Associated Press", None),
        ("By Maria de la Cruz | Reuters", "Maria de la Cruz", "Reuters", None),
        ("By The Associated Press", None, "The Associated Press", None),
        ("Nick Wadhams, Bloomberg News on", "Nick Wadhams", "Bloomberg News", None),
        ("Monday, January 14, 2019", None, None, "2019-01-14"),
        ("2019-01-14", None, None, "2019-01-14"),
        ("Published March 14, 2025", None, None, "2025-03-14"),
        ("Updated 14 Mar. 2025 10:32 GMT", None, None, "2025-03-14"),
        ("Published 3:45 p.m. EDT, Fri March 14, 2025", None, None, "2025-03-14"),
    ],
)
def test_bylines_and_dates(head, byline, publisher, date):
    cleaned = clean_article(f"A headline about the river\n\n{head}\n\nThe river rose on Monday, officials said.\n")
    assert (cleaned.meta.byline, cleaned.meta.publisher, cleaned.meta.date) == (byline, publisher, date)
    assert cleaned.text == "A headline about the river\n\nThe river rose on Monday, officials said."


@pytest.mark.parametrize(
    "first, place, publisher",
    [
        ("WASHINGTON — The talks began.", "WASHINGTON", None),
        ("LONDON (Reuters) - The talks began.", "LONDON", "Reuters"),
        ("KYIV, Ukraine — The talks began.", "KYIV, Ukraine", None),
        ("NEW YORK (AP) — The talks began.", "NEW YORK", "AP"),
        ("The talks began in WASHINGTON — quietly.", None, None),
        ("Trump — who has met Putin — said the talks began.", None, None),
        ("BREAKING: The talks began.", None, None),
        ("UPDATE — The talks began.", None, None),
    ],
)
def test_datelines_stay_in_the_text(first, place, publisher):
    cleaned = clean_article(f"Talks begin\n\n{first}\n")
    assert cleaned.meta.dateline == place and cleaned.meta.publisher == publisher
    assert cleaned.text.endswith(first)


def test_removed_text_is_sanitised():
    cleaned = clean_article("Home > \x1b[31mNews\x1b[0m\n\nA real headline here\n\nBody text.\n\nComments\x1b]0;x\x07\n")
    assert {r.reason for r in cleaned.removed} >= {"navigation", "comments", "control"}
    assert all("\x1b" not in r.text and not UNSAFE.search(r.text) for r in cleaned.removed)
    assert cleaned.text == "A real headline here\n\nBody text."


@pytest.mark.parametrize(
    "first, follows, title",
    [
        ("Senate Passes The Budget Deal.", "The vote was 60 to 40 after a long night.", True),
        ("Senate passes the budget deal.", "WASHINGTON (AP) — The vote was 60 to 40.", True),
        ("Senate passes the budget deal.", "BYLINE: Amber Phillips.", True),
        ("The talks began on Monday.", "They ended on Tuesday with no deal in sight.", False),
        ("The talks began. They ended.", "WASHINGTON — Nothing was agreed.", False),
    ],
)
def test_headline_with_a_final_period(first, follows, title):
    cleaned = clean_article(f"{first}\n\n{follows}\n\nMore text follows here.\n")
    assert (cleaned.meta.title == first) == title
    assert cleaned.text.startswith(first)


def test_no_title_when_the_article_starts_with_prose():
    cleaned = clean_article("WASHINGTON — The talks began on Monday.\n\nThey ended on Tuesday.\n")
    assert cleaned.meta.title is None and cleaned.meta.title_span is None
    assert cleaned.meta.dateline == "WASHINGTON"


@pytest.mark.parametrize("source", ["", "\n\n \u00a0\n", "\x1b[31m\x1b[0m", "Comments\n\nblog comments powered by Disqus"])
def test_nothing_left_is_not_an_error(source):
    cleaned = clean_article(source)
    assert cleaned.text == "" and cleaned.paragraphs == () and cleaned.meta.title is None


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_document_offsets_map_back_through_the_engine(path):
    from newsview.engine import prepare

    raw = read_article(path)
    doc = prepare(raw)
    for para in doc.paragraphs:
        for i in (para.start, (para.start + para.end) // 2, para.end - 1):
            assert raw.text[doc.to_source(i)] == doc.text[i]


def test_one_paragraph_per_line_without_blank_lines():
    long_line = "The committee met on Tuesday and agreed, after a long debate about costs and timing, to delay the vote. " * 2
    source = f"Committee delays vote\nBy Jane Doe\n{long_line.strip()}\n{long_line.strip()}\nComments\n"
    cleaned = clean_article(source)
    assert cleaned.text == f"Committee delays vote\n\n{long_line.strip()}\n\n{long_line.strip()}"
    assert cleaned.meta.title == "Committee delays vote" and cleaned.meta.byline == "Jane Doe"


def test_byline_right_under_the_title_without_a_blank_line():
    cleaned = clean_article("Harbour report released\nBy Jane Doe\n\nThe report came out on Monday.\n")
    assert cleaned.text == "Harbour report released\n\nThe report came out on Monday."
    assert cleaned.meta.byline == "Jane Doe" and cleaned.meta.title == "Harbour report released"


WRAPPED = [
    "Committee delays vote\n\n"
    "The committee met on Tuesday and agreed, after a long\n"
    "debate about costs and timing, to delay the vote.\n\n"
    "Members will meet again\nin March.\n",
    # lines that look like boilerplate but close or carry on a wrapped sentence
    "Report released\n\n"
    "The long-awaited report on the harbour collapse was finally released on\n"
    "March 14, 2025.\n\n"
    "Its summary, a short and readable document, was written\n"
    "by Jane Doe\n\n"
    "The full text can be read at the library and the council has said readers\n"
    "Comments\n"
    "will be collected until May.\n",
]


@pytest.mark.parametrize("source", WRAPPED, ids=["plain", "look-alikes"])
def test_hard_wrapped_paragraphs_stay_whole(source):
    cleaned = clean_article(source)
    assert [cleaned.text[p.start : p.end] for p in cleaned.paragraphs] == source_paragraphs(source)
    assert cleaned.removed == () and cleaned.meta.date is None and cleaned.meta.byline is None


def test_random_hostile_text_always_maps_back():
    """Escapes, tabs, combining marks and Hangul jamo mixed at random into prose."""
    pieces = [
        "word", "Ünïcode", " ", " ", "\n", "\n\n", "\u00a0\n", "\t", "e\u0301", "\u0327", "\u1100\u1161\u11a8",
        "\x1b[31m", "\x1b]0;t\x07", "\x1b]8;;u\x1b\\", "\x9b1m", "\x85", "\x07", "\x1b", "“", "—", "\r",
    ]
    rng = random.Random(1234)
    for _ in range(300):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        cleaned = clean_article(source)
        assert not UNSAFE.search(cleaned.text) and "\x1b" not in cleaned.text
        assert unicodedata.is_normalized("NFC", cleaned.text)
        assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip()
        if cleaned.text:
            assert_maps_back(source, cleaned)
        if all(r.reason == "control" for r in cleaned.removed):
            assert cleaned.text.split() == sanitize(source).split()


# -- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("globalvoices-*.html")), ids=lambda p: p.name)
def test_html_page_gives_the_same_paragraphs_as_its_text_version(path):
    raw = read_article(path)
    cleaned = clean_article(raw.text)
    expected = source_paragraphs(read_article(path.with_suffix(".txt")).text)
    assert [cleaned.text[p.start : p.end] for p in cleaned.paragraphs] == expected
    assert cleaned.meta.title == expected[0] and cleaned.meta.title_span == (0, len(expected[0]))
    assert cleaned.meta.publisher == "Global Voices Online"
    assert cleaned.meta.byline in ("Amira Al Hussaini", "Bhumika Ghimire")
    assert_maps_back(raw.text, cleaned, sample=500)


PAGE = """<!DOCTYPE html>
<html><head><title>Harbour ferry returns | Portside Courier</title>
<meta property="article:published_time" content="2025-03-14T08:00:00Z">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a> &gt; <a href="/local">Local</a></nav>
<header><h1>Portside Courier</h1></header>
<article><h1>Harbour ferry returns</h1>
<p class="byline">By Jane Marlowe</p>
<p>PORTSIDE &mdash; The ferry   Gull
 sailed again on Friday, said captain Ella&nbsp;Brandt.<br>She was &ldquo;glad&rdquo; to be back &amp; busy.</p>
<blockquote><p>We never stopped asking when,</p></blockquote>
<!-- <p>a comment that is not text</p> -->
<p>said one islander. A second boat was promised in 2019 and never ordered.</p>
<div class="share-tools"><p>Share this on Facebook, it helps us a lot</p></div>
</article>
<aside><p>Related: other ferries of the coast and their timetables</p></aside>
<footer><p>&copy; 2025 Portside Courier</p></footer>
<div id="comments"><p>Great story! I took this ferry many times as a child.</p></div>
</body></html>
"""


def test_html_main_text_without_page_chrome():
    cleaned = clean_article(PAGE)
    assert cleaned.text.split("\n\n") == [
        "Harbour ferry returns",
        "PORTSIDE — The ferry Gull sailed again on Friday, said captain Ella\u00a0Brandt.\n"
        "She was “glad” to be back & busy.",
        "We never stopped asking when,",
        "said one islander. A second boat was promised in 2019 and never ordered.",
    ]
    meta = cleaned.meta
    assert (meta.title, meta.byline, meta.publisher, meta.date) == (
        "Harbour ferry returns",
        "Jane Marlowe",
        "Portside Courier",
        "2025-03-14",
    )
    assert meta.dateline == "PORTSIDE"
    assert_maps_back(PAGE, cleaned)
    entity = cleaned.text.index("—")
    assert PAGE[source_offset(cleaned.offset_map, entity) :].startswith("&mdash;")


def test_html_with_terminal_escapes_is_sanitised():
    page = "<html><body><h1>Alert \x1b]0;PWNED\x07title</h1><p>Red \x1b[31mtext\x1b[0m here, with more words to read.</p></body></html>"
    cleaned = clean_article(page)
    assert cleaned.text == "Alert title\n\nRed text here, with more words to read."
    assert "PWNED" not in cleaned.text and not any("PWNED" in r.text for r in cleaned.removed)
    for r in cleaned.removed:
        assert page[r.start : r.end].startswith("\x1b")


def test_text_that_mentions_html_is_not_parsed_as_html():
    source = "Why <html> tags confuse readers\n\nThe <p> tag starts a paragraph, the editor said.\n"
    assert clean_article(source).text == source.strip()


def test_patterns_are_compiled_when_first_used():
    """Importing the cleaner and the text-safety functions (on the way to the first frame)
    compiles no pattern; cleaning a plain-text article compiles those it uses and no HTML one."""
    import subprocess
    import sys

    code = (
        "import re, sys, newsview.safe_text, newsview.clean\n"
        "from newsview.clean import patterns\n"
        "compilers = [f for f in vars(patterns).values() if hasattr(f, 'cache_info')]\n"
        "assert compilers and not [f for f in compilers if f.cache_info().currsize]\n"
        "mine = [m for name, m in sys.modules.items() if name.startswith('newsview')]\n"
        "assert not [k for m in mine for k, v in vars(m).items() if isinstance(v, re.Pattern)]\n"
        "newsview.clean.clean_article('Title here\\n\\nBy Jane Doe\\n\\nBody text.\\n\\nAdvertisement\\n\\nMore text.')\n"
        "assert patterns.by_re.cache_info().currsize and patterns.middle_re.cache_info().currsize\n"
        "assert 'newsview.clean.web' not in sys.modules  # a plain-text article needs no HTML pattern\n"
        "assert all(isinstance(f(), re.Pattern) for f in compilers)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
