"""Hand-built documents for app tests: no spaCy, every offset computed from the text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from newsview.model import Actor, Entity, Evidence, Meta, Mention, Paragraph, ParsedDocument, Quote, Source

TITLE = "Harbour council approves new sea wall"
TEXT = f"""{TITLE}

Mayor Ana Costa said on Tuesday that the sea wall "will protect every home on the front." The Harbour Council voted 7 to 2.

Costa told reporters the work would start in May. "We cannot wait for the next storm," she said.

Opposition leader Tom Reyes called the plan "a waste of money" and said Lisbon should pay.

"Nobody asked the fishermen," one resident said.
"""


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text))


def source(text: str, path: str | None = None) -> Source:
    return Source(path, hashlib.sha256(text.encode()).hexdigest(), "utf-8", len(text.encode()))


def plain_document(text: str = TEXT, *, title: str | None = TITLE) -> ParsedDocument:
    """An unanalysed document, as the engine's prepare step gives it."""
    meta = Meta(title=title, byline="By Jane Doe", date="2024-05-01", publisher="Harbour Times",
                title_span=span(text, title) if title and title in text else None)
    return ParsedDocument(text=text, source=source(text), meta=meta, paragraphs=paragraphs(text))


def _quote(qid: str, text: str, content: str, kind: str, speaker: str | None, cue: str | None,
           confidence: float, nth: int = 0) -> Quote:
    s, e = span(text, content, nth)
    return Quote(id=qid, start=s, end=e, text=content, kind=kind, speaker=speaker, cue=cue,
                 confidence=confidence, spans=((s, e),),
                 evidence=Evidence("test") if speaker else None)


def analysed_document(base: ParsedDocument | None = None) -> ParsedDocument:
    """The sample document with entities, actors, mentions and quotes."""
    doc = base or plain_document()
    t = doc.text
    ents = [
        ("Ana Costa", "PERSON", "a1", 0), ("Tuesday", "DATE", None, 0),
        ("Harbour Council", "ORG", "a2", 0), ("7", "CARDINAL", None, 0),
        ("Costa", "PERSON", "a1", 1), ("May", "DATE", None, 1),
        ("Tom Reyes", "PERSON", "a3", 0), ("Lisbon", "GPE", "a4", 0),
    ]
    entities = tuple(sorted(
        (Entity(*span(t, needle, nth), label, needle, actor) for needle, label, actor, nth in ents),
        key=lambda e: e.start,
    ))
    quotes = (
        _quote("q1", t, "will protect every home on the front.", "direct", "a1", "said", 0.92),
        _quote("q2", t, "the work would start in May", "indirect", "a1", "told", 0.71),
        _quote("q3", t, "We cannot wait for the next storm,", "direct", "a1", "said", 0.88),
        _quote("q4", t, "a waste of money", "mixed", "a3", "called", 0.64),
        _quote("q5", t, "Lisbon should pay", "indirect", "a3", "said", 0.58),
        _quote("q6", t, "Nobody asked the fishermen,", "direct", None, "said", 0.30),
    )
    costa = (span(t, "Ana Costa"), span(t, "Costa", 1), span(t, "she"))
    actors = (
        Actor("a1", "Ana Costa", "PERSON", ("Costa", "Mayor Ana Costa"), costa, ("q1", "q2", "q3"), "f"),
        Actor("a2", "Harbour Council", "ORG", (), (span(t, "Harbour Council"),), ()),
        Actor("a3", "Tom Reyes", "PERSON", ("Reyes",), (span(t, "Tom Reyes"),), ("q4", "q5")),
        Actor("a4", "Lisbon", "GPE", (), (span(t, "Lisbon"),), ()),
    )
    mentions = (
        Mention(*span(t, "Ana Costa"), "a1", "name"),
        Mention(*span(t, "Costa", 1), "a1", "name"),
        Mention(*span(t, "she"), "a1", "pronoun"),
        Mention(*span(t, "Harbour Council"), "a2", "name"),
        Mention(*span(t, "Tom Reyes"), "a3", "name"),
        Mention(*span(t, "Lisbon"), "a4", "name"),
    )
    return doc.with_analysis(entities=entities, actors=actors, quotes=quotes, mentions=mentions,
                             pipeline="test")


def long_document(paragraph_count: int = 200, *, analysed: bool = True) -> ParsedDocument:
    """Many paragraphs, one quote near the end: for scrolling and jumping."""
    paras = [TITLE] + [f"Paragraph {i} of filler text about the harbour and its long sea wall." for i in range(paragraph_count)]
    paras.append('Late in the day Ana Costa said "the last word is mine."')
    text = "\n\n".join(paras) + "\n"
    doc = plain_document(text)
    if not analysed:
        return doc
    t = doc.text
    q = _quote("q1", t, "the last word is mine.", "direct", "a1", "said", 0.9)
    who = span(t, "Ana Costa")
    return doc.with_analysis(
        entities=(Entity(*who, "PERSON", "Ana Costa", "a1"),),
        actors=(Actor("a1", "Ana Costa", "PERSON", (), (who,), ("q1",)),),
        quotes=(q,),
        mentions=(Mention(*who, "a1"),),
    )


def analyser_of(function: Callable[[ParsedDocument], ParsedDocument]):
    """A plain ``function(document)`` as the app calls an analyser: it ignores the progress and cancel hooks."""

    def analyser(document: ParsedDocument, *, progress=None, cancelled=None) -> ParsedDocument:
        return function(document)

    return analyser


def document_from_file(path: Path) -> ParsedDocument:
    """A document straight from a file's text (no cleaning): for widget safety tests."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return ParsedDocument(text=text, source=source(text, str(path)), paragraphs=paragraphs(text))


def extract_text(nlp, text: str):
    """Parse ``text`` with the real pipeline and run extraction on it (no cleaning)."""
    from newsview.extract import extract
    from newsview.pipeline import parse

    return extract(parse(nlp, text))


def quote_with(x, fragment: str):
    """The one quote of an extraction whose text holds ``fragment``."""
    hits = [q for q in x.quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, [(q.kind, q.text) for q in x.quotes])
    return hits[0]


def who(x, fragment: str) -> str | None:
    """The name of the actor the quote holding ``fragment`` is attributed to."""
    return {a.id: a.name for a in x.actors}.get(quote_with(x, fragment).speaker)


def actor_names(x) -> list[str]:
    """The names of an extraction's actors, in its order."""
    return [a.name for a in x.actors]


def mislabel(nlp, text: str, labels: dict[str, str]):
    """Extraction of ``text`` with each named string (its every occurrence) tagged as given, the
    tagger's other entities kept: the rule under test meets the mistake the tagger is known to make."""
    from newsview.extract import extract
    from newsview.pipeline import parse

    doc = parse(nlp, text)
    spans = []
    for name, label in labels.items():
        k = text.find(name)
        while k >= 0:
            sp = doc.char_span(k, k + len(name), label=label, alignment_mode="expand")
            assert sp is not None, name
            spans.append(sp)
            k = text.find(name, k + len(name))
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    others = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
    doc.set_ents(sorted(others + spans, key=lambda s: s.start))
    return extract(doc)


# -- several articles quoting one statement (the Variants view) ---------------------------

STATEMENT = "We cannot wait for the next storm to reach the harbour wall"


def quoting_article(path: str, title: str, body: str, said: str, speaker: str | None,
                    confidence: float = 0.95) -> ParsedDocument:
    """An article whose one direct quote is ``said`` (found in ``body``), by ``speaker`` (None: nobody),
    attributed with ``confidence``."""
    text = f"{title}\n\n{body}\n"
    s, e = span(text, said)
    quote = Quote("q1", s, e, said, "direct", "a1" if speaker else None, spans=((s, e),), confidence=confidence,
                  evidence=Evidence("test") if speaker else None)
    actors = (Actor("a1", speaker, "PERSON", (), (span(text, speaker),), ("q1",)),) if speaker else ()
    mentions = (Mention(*span(text, speaker), "a1", "name"),) if speaker else ()
    meta = Meta(title=title, title_span=span(text, title))
    doc = ParsedDocument(text=text, source=source(text, path), meta=meta, paragraphs=paragraphs(text))
    return doc.with_analysis(entities=(), actors=actors, quotes=(quote,), mentions=mentions, pipeline="test")


def variant_articles(extra: str = "", *, reyes_confidence: float = 0.95) -> list[ParsedDocument]:
    """Three articles quoting one statement: as said, cut short by another speaker, and with words changed.

    ``extra`` is added inside the first article's quote (hostile text, for safety tests);
    ``reyes_confidence`` is how sure the engine was that the other speaker said it.
    """
    said = STATEMENT + extra
    cut = "We cannot wait for the next storm to reach the harbour"
    changed = "We cannot wait for the last storm to reach the harbour wall"
    return [
        quoting_article("a.txt", "Council backs the sea wall", f"Ana Costa spoke on Tuesday. \u201c{said},\u201d she said.",
                        said, "Ana Costa"),
        quoting_article("b.txt", "Sea wall row in the harbour", f"Tom Reyes was there. \u201c{cut},\u201d Tom Reyes said.",
                        cut, "Tom Reyes", reyes_confidence),
        quoting_article("c.txt", "Storm fears on the front", f"Ana Costa said: \u201c{changed}.\u201d", changed,
                        "Ana Costa"),
    ]
