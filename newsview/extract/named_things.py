"""Names whose own words say they are no actor: roads, time zones, landmarks, events, laws, titles.

The tagger calls "U.S. Route 2", "Central European Time", "the Washington
Monument", "the Republican National Convention" and "the National
Emergencies Act" organisations (or people).  Their last word (or the first,
"Place Hélène Metges") gives them away.  Only names that speak nowhere are
judged: "Heathrow Airport said ..." is the airport's operator speaking, and
stays an actor.  A page's own sections ("Gift Guide", "HS Roundup"), a
country's leaving a union ("Brexit") and a plural noun opening a line of a
changelog ("Bugs fixed", "Challenges coming soon") are no actors either.
"""

from __future__ import annotations

import re

from .actor_clusters import NameMention
from .actor_words import ORG_HEADS, ROLE_NOUNS
from .cues import TITLE_WORDS
from .known_places import place_kind
from .names import gender_of_given_name
from .office_names import OfficeNameFilter
from .word_names import WordNameFilter

#: last words of names of roads ("U.S. Route 2", "Pacific Coast Highway")
ROAD_HEADS = frozenset("route highway hwy interstate motorway freeway expressway turnpike parkway".split())
#: last words of names of places people do not speak for ("the Washington Monument",
#: "José Martí International Airport", "Nevada Test and Training Range")
LANDMARK_HEADS = frozenset(
    """
    monument memorial airport square plaza street avenue boulevard bridge stadium arena cathedral mosque
    temple basilica chapel castle building range canyon valley desert forest beach island islands
    peninsula mountains hills reservoir dam canal sea ocean gulf strait fault trench volcano glacier reef
    cave crater trail cemetery hostel hotel motel lodge mine zone
    """.split()
)
#: first words of names of squares and streets ("Place Hélène Metges", "Piazza Navona")
LANDMARK_FIRST = frozenset("place plaza piazza rue avenida calle quai boulevard checkpoint".split())
#: last words of names of events, laws and prizes ("National Convention", "National
#: Emergencies Act", "Nobel Prize")
EVENT_HEADS = frozenset(
    """
    convention summit expo games cup prix election elections primary primaries referendum caucuses
    war pandemic outbreak act bill treaty accord protocol prize award trophy medal competition contest
    massacre genocide uprising revolution bombing bombings scandal
    """.split()
)
#: first words of names of events: "Operation Condor", and with "of" after them "the Battle
#: of Britain", "the Rape of Nanking"
EVENT_FIRST = frozenset({"operation"})
EVENT_FIRST_OF = frozenset("battle siege massacre rape sack".split())
#: last words of names of measures and scales ("the Torino Scale", "Consumer Price Index")
MEASURE_HEADS = frozenset("scale index".split())
#: nouns a language's or a people's adjective qualifies ("their Turkic language"): a one-word
#: name that only ever qualifies them is that adjective, no actor
LANGUAGE_NOUNS = frozenset("language languages dialect dialects alphabet script word words name names".split())

#: last words of a page's own sections and columns ("9to5Mac Gift Guide", "HS Roundup")
SECTION_HEADS = frozenset("guide guides roundup round-up recap".split())

#: plural common nouns for sources the tagger may take for a name when they open a
#: sentence ("Reports said at least 116 people died"): an unnamed source, no name
SOURCE_PLURALS = frozenset(
    "reports sources documents records statements studies surveys polls officials witnesses authorities".split()
)

#: titles that take a portfolio or a body ("Secretary of Transportation", "Assembly president")
PORTFOLIO_TITLES = frozenset(
    "secretary minister ministry president speaker chairman chairwoman chair spokesman spokeswoman spokesperson "
    "member members leader commissioner director head".split()
)

#: the last word of an office's name before its holder's ("Secretary of State Ken Blackwell",
#: "Chief of Staff Ana Ruiz"), which the tagger may take as the first word of the holder's name
PORTFOLIOS = frozenset(
    "state staff defense defence justice health education energy transportation commerce labor labour "
    "interior treasury agriculture finance".split()
)


def portfolio_before_name(words: list[str]) -> int:
    """How many leading words of a name, found right after "<title> of", are the office's
    last word ("State Blackwell" from "Secretary of State Blackwell"): 0 or 1."""
    if len(words) < 2 or words[0] not in PORTFOLIOS or len(words) > 4:
        return 0
    rest = words[1:]
    if rest[-1] in ORG_HEADS or place_kind(rest) is not None or any(w in ("of", "and", "for") for w in rest):
        return 0  # "Health Canada", "Justice Department", "Education and Skills"
    return 1


#: words for a person's rank or office; a name made of them only ("Detective
#: Inspector", "Deputy Minister") is a title whose holder the text names elsewhere
RANKS = frozenset(
    """
    detective inspector sergeant constable superintendent officer captain lieutenant colonel general major
    commander chief minister secretary president governor senator judge justice mayor deputy
    councillor councilor alderman alderwoman councilman councilwoman
    """.split()
)
#: words that say which body a rank serves ("City Councillor", "County Judge")
RANK_SEATS = frozenset("city county town municipal district regional provincial federal".split())

#: nouns that, right before a name or in apposition with it, say it names a thing or a
#: character, not an actor ("the character Tasha Yar", "reality show Terrace House")
THING_NOUNS = frozenset(
    """
    character show series sitcom film movie documentary album song single book novel game videogame
    product brand app software vessel ship aircraft plane helicopter rocket spacecraft satellite car
    vehicle drug vaccine virus disease storm hurricane typhoon cyclone horse dog cat pet mascot doll toy
    boat yacht ferry train truck bus
    """.split()
)
#: a thing noun and up to four capitalised words, ending where a name starts ("the horror film ")
_THING_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(THING_NOUNS))})\s+(?:[A-Z][\w'.-]*\s+){{0,4}}$")
#: how far before a name that can reach (a long noun and four long words)
_THING_REACH = 400
#: nouns for honours a name may only ever modify ("a two-time Artist of Stardom champion"):
#: the name is the honour's, not an actor's
HONOUR_NOUNS = frozenset(
    "champion championship title belt award medal prize trophy winner laureate medallist medalist".split()
)
#: first words of an honour's name whose tail the tagger may take alone ("the Order of
#: the Sun", "the Cross of Valour")
HONOUR_FIRST = frozenset("order cross medal star".split())


def thing_kind(words: list[str]) -> str | None:
    """What a name's words say it is when it is no actor: "road", "time zone",
    "landmark", "event", "measure"; None when they say nothing."""
    words = [w for w in words if w != "the"]
    if len(words) < 2:
        return None
    last = words[-1]
    if last in ROAD_HEADS or words[0] in ("interstate", "route", "highway"):
        return "road"
    if last == "time":
        return "time zone"  # "Central European Time", "Eastern Standard Time"
    if last in LANDMARK_HEADS or words[0] in LANDMARK_FIRST:
        return "landmark"
    if last in EVENT_HEADS or words[0] in EVENT_FIRST or (words[0] in EVENT_FIRST_OF and words[1] == "of"):
        return "event"
    if last in SECTION_HEADS:
        return "page section"
    if last in MEASURE_HEADS:
        return "measure"  # "the Torino Scale", "the Richter scale"
    if any(w == "flight" and nxt.isdigit() for w, nxt in zip(words, words[1:])):
        return "flight"  # "Lion Air Flight 610"
    if last in RANKS and all(w in RANKS or w in TITLE_WORDS or w in RANK_SEATS for w in words):
        return "title"  # "Detective Inspector"
    return None


#: "pro-Moscow", "anti-Western": a stance toward a name, an adjective and no actor
_STANCE = re.compile(r"(?:pro|anti)-[A-Z]")
#: words the tagger may note before a name as its title that vouch for nothing ("the Torino Scale")
_NOT_TITLES = frozenset({"the", "of"})


def stance_adjective(display: str) -> bool:
    """ "pro-Moscow", "anti-Western": a name under a stance's prefix qualifies someone, names no one."""
    return _STANCE.match(display) is not None


def demonym(words: list[str]) -> bool:
    """ "Hong Konger", "Londoners": a known place's name with -er or -ers, its people."""
    if not words:
        return False
    last = words[-1]
    for suffix in ("ers", "er"):
        if last.endswith(suffix) and len(last) > len(suffix) + 2 and place_kind([*words[:-1], last[: -len(suffix)]]):
            return True
    return False


class NamedThingFilter(WordNameFilter, OfficeNameFilter):
    """Hides clusters whose names are of roads, time zones, landmarks or events."""

    def hide_named_things(self, quoted: set[int]) -> None:
        """Unquoted names a person's title does not vouch for, and whose words
        make them a road, a time zone, a landmark or an event, are no actors."""
        by_cluster: dict[int, list[NameMention]] = {}
        for m in self.mentions:
            by_cluster.setdefault(m.cluster, []).append(m)
        for c in self.clusters:
            if c.nominal or c.alias_of is not None or c.index in quoted or c.kind not in ("PERSON", "ORG") or c.hidden:
                continue
            if any(ch.islower() for ch in c.display) and not any(ch.isupper() for ch in c.display):
                c.hidden = True  # "the royal command": no capital, no name (in a script with capitals)
                continue
            if c.roles & THING_NOUNS and not c.roles & ROLE_NOUNS and not c.titles:
                c.hidden = True  # "the character Tasha Yar", "reality television show Terrace House"
                continue
            ms = by_cluster.get(c.index, [])
            if ms and all(self._modifies_honour(m) or self._ends_honour(m) for m in ms):
                c.hidden = True  # "a two-time Artist of Stardom champion", "the Order of the Sun"
                continue
            if ms and all(self._a_verb(m) for m in ms):
                c.hidden = True  # "it ABSTAINS from adjudicating": a verb in capitals for emphasis
                continue
            if len(c.words) == 1 and re.fullmatch(r"[a-z]{1,4}exit", c.words[0]):
                c.hidden = True  # "Brexit", "Grexit": a country's leaving a union, an event
                continue
            if ms and c.kind == "PERSON" and len(c.words) == 1 and all(self._plural_opening_line(m) for m in ms):
                c.hidden = True  # "Bugs fixed", "Challenges coming soon": a changelog's line, no one
                continue
            if ms and all(self._after_year(m) for m in ms):
                c.hidden = True  # "a hit since 1992's Batman Returns": a year's film, book or event
                continue
            if ms and all(self._qualifies_language(m) for m in ms):
                c.hidden = True  # "their Turkic language": a language's adjective
                continue
            if ms and self.word_name(c, ms):
                c.hidden = True  # "a democratic State", "Guiana" of "French Guiana", "Boeing-Air Force"
                continue
            if stance_adjective(c.display):
                c.hidden = True  # "seen as pro-Moscow": a stance, no actor
                continue
            if ms and self.office_name(c, ms):
                c.hidden = True  # "National Security Advisor Condoleezza Rice", "Minister of Foreign Affairs"
                continue
            if "the" not in c.words and demonym(list(c.words)):
                c.hidden = True  # "a Hong Konger": one of a place's people, not a name ("The New Yorker" is)
                continue
            if not c.titles - _NOT_TITLES and thing_kind(list(c.words)) == "measure":
                c.hidden = True  # "the Torino Scale": "the" before a name vouches for no person
                continue
            if c.titles and thing_kind(list(c.words)) != "title":
                continue
            words = [w for w in c.words if w != "the"]
            if c.kind == "PERSON" and words and gender_of_given_name(words[0]):
                continue  # "Shirley Temple", "John Tower": a given name makes it a person's
            if self._called_a_thing(c.display) or thing_kind(words) or (len(words) == 1 and c.kind == "ORG" and not c.display.isupper()
                                     and self._only_in_titles(by_cluster.get(c.index, []))):
                c.hidden = True

    def _plural_opening_line(self, m: NameMention) -> bool:
        """The mention is one word the parse takes for a plural common noun ("Bugs", not "Jennings"),
        opening its line and running into lower-case words."""
        span = self.mention_span(m)
        if span is None or len(span) != 1 or span[0].tag_ != "NNS" or gender_of_given_name(span.text):
            return False
        return (m.start == 0 or self.text[m.start - 1] == "\n") and re.match(r" [a-z]", self.text[m.end : m.end + 2]) is not None

    def _modifies_honour(self, m: NameMention) -> bool:
        """The name at this mention only qualifies a noun for an honour ("Artist of Stardom champion")."""
        tok = self.tokens[m.head]
        nxt = self.tokens[m.head + 1] if m.head + 1 < len(self.tokens) else None
        return nxt is not None and nxt.is_lower and nxt.lemma_.lower() in HONOUR_NOUNS and (
            tok.head.i == nxt.i or tok.dep_ in ("compound", "nmod", "amod"))

    def _a_verb(self, m: NameMention) -> bool:
        """The name at this mention is one word the tagger reads as a verb."""
        span = self.mention_span(m)
        return span is not None and len(span) == 1 and span[0].pos_ == "VERB"

    def _ends_honour(self, m: NameMention) -> bool:
        """The name at this mention is the tail of an honour's name ("Order of the Sun")."""
        span = self.mention_span(m)
        if span is None:
            return False
        k = span.start - 1
        if k >= 0 and self.tokens[k].lower_ == "the":
            k -= 1
        return (k >= 1 and self.tokens[k].lower_ == "of" and self.tokens[k - 1].is_title
                and self.tokens[k - 1].lower_ in HONOUR_FIRST)

    def _only_in_titles(self, mentions: list[NameMention]) -> bool:
        """ "Secretary of Transportation", "Assembly president Richard Ferrand": a one-word
        name met only inside a person's title is a portfolio or a cut-off name, no actor."""
        for m in mentions:
            span = self.mention_span(m)
            if span is None:
                return False
            before = self.tokens[max(0, span.start - 2) : span.start]
            after = self.tokens[span.end] if span.end < len(self.tokens) else None
            title_before = len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in PORTFOLIO_TITLES
            # "Assembly president Richard Ferrand", and in capitals before a name ("Supreme Leader Ali Khamenei")
            title_after = after is not None and after.lower_ in PORTFOLIO_TITLES and (
                after.is_lower or (after.i + 1 < len(self.tokens) and self.tokens[after.i + 1].is_title))
            if not (title_before or title_after):
                return False
        return bool(mentions)

    def _after_year(self, m: NameMention) -> bool:
        """The name at this mention follows a year's possessive ("1992's Batman Returns")."""
        span = self.mention_span(m)
        if span is None or span.start < 2:
            return False
        year, case = self.tokens[span.start - 2], self.tokens[span.start - 1]
        return case.lower_ in ("'s", "\u2019s") and len(year.text) == 4 and year.text.isdigit()

    def _qualifies_language(self, m: NameMention) -> bool:
        """The name at this mention is one word qualifying a noun for a language ("Turkic language")."""
        span = self.mention_span(m)
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        return tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.lower_ in LANGUAGE_NOUNS

    def _called_a_thing(self, display: str) -> bool:
        """The text calls the name, or a longer name ending with it, a film, a show, a ship...
        ("the horror film White Noise" makes "Noise" no actor)."""
        name = display[4:] if display.lower().startswith("the ") else display
        if not name or not name[0].isupper():
            return False
        # each place the name stands (not followed by more of a name), then the thing noun before
        # it: one regular expression over the whole text per name cost an eighth of extraction
        for found in re.finditer(rf"{re.escape(name)}\b(?!\s+[A-Z])", self.text):
            if _THING_BEFORE.search(self.text, max(0, found.start() - _THING_REACH), found.start()):
                return True
        return False
