"""An organisation's name that the tagger ran on into a person's.

"Secretary General of the Andean Community Wagner", "Assistant Secretary of
the Air Force for Acquisition Marvin Sambur": the tagger makes one
organisation of the body and the person after it.  When the text names that
body on its own elsewhere ("the Andean Community", "the Air Force for
Acquisition"), what follows it in the longer name is the person, if it opens
with a given name or is a name the text uses on its own ("Wagner").  And the
tagger's two halves of "U.S. Agency for International Development" are one
name.  "Microsoft Research" or
"Apple Music" stay whole: a tail holding an organisation's or a company's
word, or a place, is no person's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actor_words import ORG_HEADS
from .cues import TITLE_WORDS
from .known_places import place_kind
from .names import gender_of_given_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

#: words that make a tail part of a body's name ("Apple Music", "Sony Pictures"), not a person's
_BODY_WORDS = frozenset(
    """
    music pictures entertainment research labs media news press records studios games sports health
    group holdings capital energy motors airlines airways international global services systems
    technologies network networks channel radio television tv service
    """.split()
)


def person_after_body(words: list[str], bodies: set[tuple[str, ...]], names: set[tuple[str, ...]],
                      display: str) -> int:
    """How many leading words of an organisation's name are another organisation the text names
    on its own, before a person's name: 0 when the name is no such fusion.

    ``words`` are the name's words in lower case, ``display`` the name as written; ``bodies`` the
    words of the text's organisations' names and ``names`` those of its people's and organisations'
    names, without a leading "the".  The person's part is one to three words written as a name
    ("Wagner", not "MVP" or "Australians"), none of them a body's or a title's word or a place; it
    is a person's
    when it opens with a given name ("Marvin Sambur") or is itself a name the text uses
    ("Wagner")."""
    lead = 1 if words and words[0] == "the" else 0
    core = words[lead:]
    for k in range(len(core) - 1, 0, -1):
        tail = core[k:]
        if tuple(core[:k]) not in bodies or len(tail) > 3:
            continue
        written = display.split()[-len(tail):]
        if any(w in ORG_HEADS or w in _BODY_WORDS or w in TITLE_WORDS or not w.isalpha() for w in tail) \
                or any(w.isupper() or not w[:1].isupper() or w.endswith("s") for w in written):
            return 0  # "Apple Music", "NBA Finals MVP", "Aboriginal Australians": no person's name
        if place_kind(tail) is not None:
            return 0
        if gender_of_given_name(tail[0]) or tuple(tail) in names:
            return lead + k
        return 0
    return 0


def joined_at_for(doc: "Doc", spans: list["SpacySpan"]) -> list["SpacySpan"]:
    """Two organisations' spans with "for" between them that are one name the tagger cut in two:
    "U.S. Agency" and "International Development" of "U.S. Agency for International Development".
    The first must end with an organisation's word (agency, centre, institute...) and the second
    follow "for" at once, in capitals."""
    from spacy.tokens import Span

    out: list["SpacySpan"] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "ORG" and sp.label_ == "ORG" and sp.start == prev.end + 1 \
                and doc[prev.end].lower_ == "for" and prev[-1].lower_ in ORG_HEADS and sp[0].is_title:
            out[-1] = Span(doc, prev.start, sp.end, label="ORG")
            continue
        out.append(sp)
    return out
