"""Headline words are not actors; documents and data are sources of their own kind; things are no sources."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsview import engine
import io

from newsview.export import WRITERS, summary
from newsview.extract.headlines import heading_spans
from newsview.library import sources
from newsview.model import DOCUMENT_KIND
from newsview.tui.app import NewsViewApp

from factories import analysed_document

RAIL = """Senators Weigh Rail Funding Delay

WASHINGTON — Senators on Tuesday debated whether to delay $4 billion in rail funding until next year. "We cannot keep waiting," said Senator Maria Lopez, a Democrat from New Mexico. The committee will vote on Thursday.
"""

BUDGET = """Ana Ruiz On the Budget Fight Ahead

Finance minister Ana Ruiz said on Monday that the budget would be balanced by 2027. "It will be hard," Ruiz told reporters in Madrid.

Unions Plan Protests

Labour groups said they would protest outside parliament next week.
"""

SCREENS = """Tech Giant Unveils Thinner Screens

A March 3 filing to investors said the company expected sales to rise. The report said demand was weak, and a presentation to analysts said margins would grow.

The thinner screens suggest that the industry is changing course. Her eyes said she was tired. The new sets say the series is coming back, and the company said it would reveal more in May.
"""


def test_heading_lines_are_short_title_case_lines():
    text = "Senators Weigh Rail Funding Delay\n\nSenators weigh a delay.\n\nUnions Plan Protests\n\nThe Mayor Said No."
    found = [text[a:b] for a, b in heading_spans(text)]
    assert found == ["Senators Weigh Rail Funding Delay", "Unions Plan Protests"]


def test_lines_of_a_list_or_a_table_are_not_headings():
    rows = ["Jul 10 — Irving, TX — Toyota Music Factory", "Jul 12 — Houston, TX — The Woods Pavilion",
            "Jul 14 — Dallas, TX — Dos Equis Pavilion"]
    text = "\n\n".join(["Band Sets Summer Tour", *rows, "The band announced the dates on Monday.",
                         "More Dates To Come"])
    found = [text[a:b] for a, b in heading_spans(text)]
    assert found == ["Band Sets Summer Tour", "More Dates To Come"]


def test_a_run_of_headline_words_is_neither_an_actor_nor_a_name(nlp):
    doc = engine.analyze_text(RAIL, nlp)
    names = [a.name for a in doc.actors]
    assert "Maria Lopez" in names
    assert not any("Rail" in n or "Weigh" in n for n in names)
    title = doc.meta.title_span or (0, len("Senators Weigh Rail Funding Delay"))
    # nothing in the headline is highlighted as a person or an organisation any more
    assert not [e for e in doc.entities if e.end <= title[1] and e.family in ("person", "org")]


def test_the_titles_real_name_links_to_the_body_actor(nlp):
    doc = engine.analyze_text(BUDGET, nlp)
    ruiz = next(a for a in doc.actors if a.name == "Ana Ruiz")
    title_end = BUDGET.index("\n")
    # the title's "Ana Ruiz" is one of her mentions, and highlighted as her
    assert any(s < title_end for s, _e in ruiz.mentions)
    assert any(e.actor == ruiz.id and e.end <= title_end for e in doc.entities)
    # no entity runs from a heading across the paragraph break
    assert not [e for e in doc.entities if "\n\n" in doc.text[e.start : e.end]]
    assert "Labour groups" in [a.name for a in doc.actors]  # a section head's sentence below still speaks


def test_reports_filings_and_presentations_are_document_sources(nlp):
    doc = engine.analyze_text(SCREENS, nlp)
    kinds = {a.name: a.kind for a in doc.actors}
    assert kinds.get("A March 3 filing to investors") == DOCUMENT_KIND  # not "investors"
    assert kinds.get("The report") == DOCUMENT_KIND
    assert kinds.get("a presentation to analysts") == DOCUMENT_KIND
    assert "investors" not in kinds
    assert kinds.get("the company") not in (DOCUMENT_KIND, None)
    filing = next(a for a in doc.actors if a.kind == DOCUMENT_KIND and "filing" in a.name)
    quote = doc.quote(filing.quotes[0])
    assert quote is not None and "sales to rise" in quote.text
    assert quote.speaker_span == filing.mentions[0]


def test_things_are_no_speakers_and_their_quotes_stay_unattributed(nlp):
    doc = engine.analyze_text(SCREENS, nlp)
    names = [a.name.lower() for a in doc.actors]
    for thing in ("the thinner screens", "her eyes", "the new sets"):
        assert thing not in names
    orphans = [q.text for q in doc.quotes_by(None)]
    assert any("industry is changing course" in t for t in orphans)
    assert any("she was tired" in t for t in orphans)
    why = [q.evidence.chain[-1] for q in doc.quotes_by(None) if q.evidence and q.evidence.chain]
    assert any("not a person, organisation, group or document" in w for w in why)


def _with_a_report():
    """The sample with one of its quoted speakers turned into a report."""
    doc = analysed_document()
    speaker = [a for a in doc.actors if a.quotes][-1]
    report = replace(speaker, name="The council's report", kind=DOCUMENT_KIND, gender=None)
    return replace(doc, actors=tuple(report if a is speaker else a for a in doc.actors)), report


async def test_the_sidebar_lists_documents_under_their_own_heading_after_the_people():
    doc, report = _with_a_report()
    app = NewsViewApp(doc, analyser=None)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        rows = app.reader.sidebar_row_ids
        assert f"actor:{report.id}" in rows
        actor_rows = [r for r in rows if r.startswith("actor:") and r != "actor:__unattributed__"]
        # after every person and organisation, even one quoted less
        assert actor_rows[-1] == f"actor:{report.id}"
        prompts = [str(o.prompt) for o in app.reader.actor_list.options]
        heading = prompts.index("Documents and data")
        assert "The council's report" in prompts[heading + 1]
        assert "document" in prompts[heading + 1]


def test_the_sources_summary_and_the_text_export_count_documents_apart():
    doc, report = _with_a_report()
    said = len(doc.quotes_by(report.id))
    assert said  # the report says something in the sample
    counted = sources.document_sources(doc).by_category
    assert counted["document"] == said
    out = summary(doc)
    from rich.console import Console

    console = Console(width=120, record=True)
    console.print(out)
    text = console.export_text()
    assert "1 document" in text


@pytest.mark.parametrize("kind, expected", [("document", "document"), ("PERSON", "named"), ("unnamed", "other")])
def test_a_documents_quote_is_its_own_source_category(kind, expected):
    assert sources.category("the report" if kind != "PERSON" else "Ana Costa", kind) == expected


def test_a_place_the_tagger_once_took_for_a_person_is_a_place():
    from newsview.extract.extraction import Extraction
    from newsview.extract.places import correct_places
    from newsview.model import Actor, Entity, Mention

    text = "Hong Kong said no. Police in Hong Kong waited. Hong Kong is calm. Irving, TX hosts the show."
    hk = [(m, m + 9) for m in (0, 29, 48)]
    tx = text.index("TX")
    found = Extraction(
        entities=(Entity(*hk[0], "PERSON", "Hong Kong", "a1"), Entity(*hk[1], "GPE", "Hong Kong", "a1"),
                  Entity(*hk[2], "GPE", "Hong Kong", "a1"), Entity(tx, tx + 2, "ORG", "TX", "a2")),
        actors=(Actor("a1", "Hong Kong", "PERSON", mentions=tuple(hk), gender="m"),
                Actor("a2", "TX", "ORG", mentions=((tx, tx + 2),))),
        mentions=(*(Mention(s, e, "a1") for s, e in hk), Mention(tx, tx + 2, "a2")),
    )
    fixed = correct_places(found)
    assert [(a.name, a.kind, a.gender) for a in fixed.actors] == [("Hong Kong", "GPE", None)]
    tx_entity = next(e for e in fixed.entities if e.text == "TX")
    assert tx_entity.actor is None and tx_entity.family == "place"
    assert all(m.actor == "a1" for m in fixed.mentions)


def test_the_sources_line_of_the_text_export_counts_document_quotes():
    doc, report = _with_a_report()
    out = io.StringIO()
    WRITERS["text"](out, [(doc, None)], single=True)
    line = next(x for x in out.getvalue().splitlines() if "Sources:" in x)
    assert f"{len(doc.quotes_by(report.id))} document" in line
