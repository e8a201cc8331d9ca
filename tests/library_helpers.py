"""Small invented articles for the library tests: real files, analyses put in a private parse cache (no spaCy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsview import engine
from newsview.cache import ParseCache
from newsview.extract.interviews import QUESTION_RULE
from newsview.model import Actor, Evidence, Mention, ParsedDocument, Quote
from newsview.pipeline import ModelError
from newsview.reader import read_article

PIPELINE = "test_pipeline-1.0"


@dataclass
class Said:
    """An actor of an invented article and the quotes (exact substrings of the body) they are given."""

    name: str
    kind: str = "PERSON"
    quotes: tuple[str, ...] = ()
    gender: str | None = None
    confidence: float = 0.9
    aliases: tuple[str, ...] = field(default_factory=tuple)


def analysed(doc: ParsedDocument, actors: list[Said], unattributed: tuple[str, ...] = ()) -> ParsedDocument:
    """``doc`` with the given actors (their name must be in the text) and quotes."""
    text = doc.text
    out_actors: list[Actor] = []
    quotes: list[Quote] = []
    mentions: list[Mention] = []
    pieces = [(q, f"a{i}", a.confidence) for i, a in enumerate(actors, 1) for q in a.quotes]
    pieces += [(q, None, 0.3) for q in unattributed]  # type: ignore[misc]
    pieces.sort(key=lambda p: text.index(p[0]))
    for n, (content, speaker, confidence) in enumerate(pieces, 1):
        s = text.index(content)
        quotes.append(Quote(f"q{n}", s, s + len(content), content, "direct", speaker, confidence=confidence,
                            spans=((s, s + len(content)),)))
    for i, a in enumerate(actors, 1):
        aid = f"a{i}"
        s = text.index(a.name)
        mentions.append(Mention(s, s + len(a.name), aid))
        out_actors.append(Actor(aid, a.name, a.kind, a.aliases, ((s, s + len(a.name)),),
                                tuple(q.id for q in quotes if q.speaker == aid), a.gender))
    return doc.with_analysis(actors=tuple(out_actors), quotes=tuple(quotes), mentions=tuple(mentions), pipeline=PIPELINE)


def write_article(folder: Path, name: str, title: str, body: str, actors: list[Said] | None = None,
                  cache: ParseCache | None = None, unattributed: tuple[str, ...] = ()) -> Path:
    """Write an article file; with ``cache``, put its analysis there as the engine would."""
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    if cache is not None:
        doc = engine.prepare(read_article(path))
        cache.put(analysed(doc, actors or [], unattributed), PIPELINE)
    return path


def write_interview(folder: Path, cache: ParseCache, name: str, guest: str, turns: list[tuple[str, str]]) -> Path:
    """A Wikinews transcript on disk, its analysis in the cache as the engine makes it: the
    interviewer's ("WN") turns are quotes with the rule ``interview-question``."""
    path = folder / name
    body = "\n\n".join(f"((WN)) {words}" if who == "WN" else f"(({guest})) {words}" for who, words in turns)
    path.write_text(f"Wikinews interviews {guest}\n\n{body}\n", encoding="utf-8")
    doc = engine.prepare(read_article(path))
    text = doc.text
    quotes, at = [], 0
    for n, (who, words) in enumerate(turns, 1):
        s = text.index(words, at)
        at = s + len(words)
        rule = QUESTION_RULE if who == "WN" else "interview-turn"
        quotes.append(Quote(f"q{n}", s, at, words, "direct", "a1" if who == "WN" else "a2", spans=((s, at),),
                            evidence=Evidence(rule)))
    g = text.index(guest)
    actors = (Actor("a1", "Wikinews", "ORG", (), (), tuple(q.id for q in quotes if q.speaker == "a1")),
              Actor("a2", guest, "PERSON", (), ((g, g + len(guest)),), tuple(q.id for q in quotes if q.speaker == "a2")))
    analysed = doc.with_analysis(actors=actors, quotes=tuple(quotes), mentions=(Mention(g, g + len(guest), "a2"),),
                                 pipeline=PIPELINE)
    cache.put(analysed, PIPELINE)
    return path


#: asked in both interviews of ``write_two_interviews``: the publication's template, not a statement
STOCK_QUESTION = "How did you get involved in this study of the old survey?"
#: said in one interview of ``write_two_interviews`` and repeated in the other
ANSWER = "The telescope found the black hole because its companion stars moved in a strange way"


def write_two_interviews(folder: Path, cache: ParseCache) -> None:
    """Two interviews by one publication, analysed in ``cache``: the same stock question, and a
    guest's answer the other guest repeats."""
    write_interview(folder, cache, "2024-05-01-costa.txt", "Ana Costa", [
        ("WN", STOCK_QUESTION),
        ("Ana Costa", "A colleague asked me to look at the spectra from the old survey."),
        ("WN", "What would you tell a student who wants to start in astronomy today?"),
        ("Ana Costa", ANSWER),
    ])
    write_interview(folder, cache, "2024-05-02-reyes.txt", "Tom Reyes", [
        ("WN", STOCK_QUESTION),
        ("Tom Reyes", "I was the one who built the camera that took the images."),
        ("WN", "What did your colleague find in the spectra?"),
        ("Tom Reyes", f"As she said, {ANSWER.lower()}"),
    ])


class FakeAnalyzer:
    """The engine's Analyzer as the loop uses it, without spaCy: each article's speaker is named in its title."""

    pipeline = PIPELINE

    def __init__(self, cache: ParseCache, fail: str = "", model_error: bool = False) -> None:
        self.cache = cache
        self.fail = fail
        self.model_error = model_error
        self.order: list[str] = []

    def cached(self, doc: ParsedDocument) -> ParsedDocument | None:
        return self.cache.get(doc.source, PIPELINE)

    def __call__(self, doc: ParsedDocument, *, progress=None, cancelled=None) -> ParsedDocument:
        self.order.append(Path(doc.source.path or "").name)
        if self.model_error:
            raise ModelError("no spaCy pipeline is installed")
        if self.fail and self.fail in doc.text:
            raise RuntimeError("the parser tripped over something")
        if progress is not None:
            progress(doc, 0.5)
        name = doc.meta.title.split(" says")[0] if doc.meta.title else "Nobody"
        result = analysed(doc, [Said(name, quotes=("yes",))])
        self.cache.put(result, PIPELINE)
        return result


class PageAnalyzer(FakeAnalyzer):
    """Without spaCy: the text's first word is its one actor, who says its last words."""

    def __call__(self, doc, *, progress=None, cancelled=None):
        text = doc.text.strip()
        result = analysed(doc, [Said(text.split()[0], quotes=(text[-20:],))])
        self.cache.put(result, PIPELINE)
        return result


#: three analysed articles of one day, shared by the library's app, snapshot and command-line tests
ARTICLES = [
    # (file, title, body, actors)
    ("2024-03-01-budget.txt", "Budget vote delayed",
     'Ana Costa said "the budget waits for spring" in the capital. A senior official said "nothing is settled".',
     [Said("Ana Costa", quotes=("the budget waits for spring",)),
      Said("A senior official", kind="NOMINAL", quotes=("nothing is settled",), confidence=0.5)]),
    ("2024-03-02-harbour.txt", "Harbour reopens",
     'Tom Reyes said "ships are back" at the harbour. Ana Costa said "a good day for the port".',
     [Said("Tom Reyes", quotes=("ships are back",)), Said("Ana Costa", quotes=("a good day for the port",))]),
    ("2024-03-03-rain.txt", "Rain floods the valley",
     'Lia Moss said "the river rose overnight" near the old mill. Ana Costa said "help is on the way".',
     [Said("Lia Moss", quotes=("the river rose overnight",)), Said("Ana Costa", quotes=("help is on the way",))]),
]
