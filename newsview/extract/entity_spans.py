"""The tagger's entities, their spans corrected before they become actors.

A name the tagger ran on into a title-case headline is cut at the verb
("Trump Says He ..."), a verb or adverb in front is dropped ("Later Blue
Harbor announced"), a given name it left out is taken in ("Mayor of London
Sadiq Khan"), an untagged "Karen Robison" is found, and storm names and
past-tense headline words are told apart from people.  A qualifier opening the
sentence is no part of the name either ("Recent Samsung smart TVs"), nor is a
button's text a byline runs into ("Jane Roe Follow"), nor what follows a
person's possessive in a link's headline ("Volodymyr Zelensky's Struggle").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actor_clusters import ClusterStore
from .actor_words import ACTOR_LABELS, STORM_WORDS
from .cues import TITLE_WORDS
from .names import gender_of_given_name
from .fused_names import joined_at_for
from .named_things import PORTFOLIOS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan

#: Words that end a name the tagger ran on into a title-case headline
_NAME_BREAKS = frozenset(
    """
    says said tells told asks warns claims admits calls slams urges vows denies insists he she i we they
    it his her their is was are were will would has have had
    """.split()
)
_BREAK_MARKS = frozenset(":;\u201c\u201d\u2018\"|[]")
#: texts of a page's buttons that a byline may run into ("Michael Russell Follow")
_BUTTON_WORDS = frozenset("Follow Subscribe Tweet Share Email".split())
#: words that qualify what follows at the start of a sentence, and never open a name
#: ("Recent Samsung smart TVs", "Many Apple users")
OPENING_QUALIFIERS = frozenset("recent latest newest older newer previous upcoming many several some".split())
#: Arabic name particles: "Said" after them is a name ("Qaboos bin Said", "Tariq Al Said"), not a verb
NAME_PARTICLES = frozenset("bin ibn bint ben abu al el".split())


class EntitySpans(ClusterStore):
    """Entity spans as the actor index takes them from the tagger."""

    #: names of storms ("Humberto" where the text says "Hurricane Humberto")
    _storms: set[str]

    def _entity_spans(self) -> list["SpacySpan"]:
        """The document's entities, a surname-only person extended over a given
        name the model left out ("Sadiq" in "Mayor of London Sadiq Khan")."""
        from spacy.tokens import Span

        doc = self.doc
        out = []
        person_starts = {e.start for e in doc.ents if e.label_ == "PERSON"}
        for ent in doc.ents:
            start = ent.start
            if ent.label_ in ACTOR_LABELS and ent.end in person_starts and all(t.lower_ in TITLE_WORDS for t in ent):
                continue  # "Monseñor" tagged apart from "Jorge Ruiz" after it: the person's title, no actor
            # "Trump Says He Never ..." in a title-case headline, "Cecile Richards: ..."
            cut = next((t.i for t in ent[1:] if (t.lower_ in _NAME_BREAKS and t.nbor(-1).lower_ not in NAME_PARTICLES)
                        or t.text in _BREAK_MARKS
                        # "by Associated Press of bank robberies": a name goes on after 'of' in capitals only
                        or (t.lower_ == "of" and t.i + 1 < ent.end and t.nbor(1).is_lower)), None)
            if cut is None and ent.label_ == "PERSON":
                # "Volodymyr Zelensky's Struggle to ...": a link's headline ran on past the possessive
                cut = next((t.i for t in ent[1:-1] if t.tag_ == "POS"), None)
            if cut is None and len(ent) > 2 and ent[-1].text in _BUTTON_WORDS and ent.label_ in ACTOR_LABELS:
                cut = ent.end - 1  # "By Jane Roe Follow": a byline glued to its button
            if cut is not None and ent.label_ in ACTOR_LABELS:
                ent = Span(doc, ent.start, cut, label=ent.label_)
            if len(ent) > 1 and ent[0].is_sent_start and len(ent[0]) >= 6 and ent[0].lower_.endswith("ed") \
                    and not gender_of_given_name(ent[0].text) and ent.label_ in ACTOR_LABELS:
                # "Remarked Center for ... scientist": a verb opening the sentence; what
                # is left is a name only when it is more than one word ("Leaked Memo")
                if len(ent) == 2:
                    continue
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
                start = ent.start
            while len(ent) > 1 and (ent[0].tag_ in ("MD", "VBZ", "VBD", "VBP") or ent[0].pos_ == "ADV"
                                    or ent[0].lower_ in OPENING_QUALIFIERS) \
                    and ent.label_ in ACTOR_LABELS:
                # "Will Rocky Linux provide ...?", "Later Blue Harbor announced", "Recent
                # Samsung TVs": a verb, an adverb or a qualifier before the name is not part of it
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
                start = ent.start
            if ent.label_ == "PERSON":
                while start > 0 and ent.start - start < 2:
                    t = doc[start - 1]
                    if t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and t.lower_ not in TITLE_WORDS \
                            and not t.is_sent_start and "\n" not in t.text_with_ws and not self._office_word(t.i):
                        start -= 1
                    else:
                        break
            out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_))
        # "Karen Robison" the model did not tag: a given name and a capitalised word
        covered = {i for ent in out for i in range(ent.start, ent.end)}
        toks = self.tokens
        i = 0
        n = len(toks)
        while i < n - 1:
            t = toks[i]
            if i in covered or not t.is_title or t.pos_ != "PROPN" or not gender_of_given_name(t.text):
                i += 1
                continue
            j = i + 1
            while j < n and j - i < 3 and j not in covered and toks[j].is_title and toks[j].pos_ == "PROPN" \
                    and "\n" not in toks[j - 1].text_with_ws:
                j += 1
            if j - i >= 2:
                out.append(Span(doc, i, j, label="PERSON"))
                covered.update(range(i, j))
            i = j
        out.sort(key=lambda sp: sp.start)
        return joined_at_for(doc, out)

    def _office_word(self, i: int) -> bool:
        """The token at ``i`` ends an office's name after "<title> of": "Staff" in "Chief of Staff
        Yitzhak Rabin", which is the office's, not the holder's given name."""
        doc = self.doc
        return i >= 2 and doc[i].lower_ in PORTFOLIOS and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TITLE_WORDS

    def _storm(self, ent: "SpacySpan", words: list[str]) -> bool:
        """ "Hurricane Humberto", "Tropical Storm Humberto", and "Humberto" once it was named so."""
        doc = self.doc
        before = [doc[i].lower_ for i in range(max(0, ent.start - 2), ent.start)]
        if any(w in STORM_WORDS for w in words) or (before and before[-1] in STORM_WORDS):
            self._storms.update(w for w in words if w not in STORM_WORDS and w not in ("tropical", "storm"))
            return True
        return len(words) == 1 and words[0] in self._storms

    def _verb_in_headline(self, ent: "SpacySpan") -> bool:
        """ "Leaked Memo: Minister Mocked Rivals": in a title-case line the tagger
        takes a verb in the past tense and what follows for a name."""
        line_start = self.text.rfind("\n", 0, ent.start_char) + 1
        k = self.text.find("\n", ent.end_char)
        line = self.text[line_start : k if k >= 0 else len(self.text)].split()
        if len(line) < 3 or sum(1 for w in line if w[:1].isupper()) < 0.7 * len(line):
            return False
        return any(len(t.text) >= 6 and t.lower_.endswith("ed") and not gender_of_given_name(t.text) for t in ent)
