"""Actors: named entities merged into canonical people and organisations.

Entities labelled PERSON, ORG, GPE or NORP become mentions of actors.  Person
names are compared word by word after titles ("President", "Secretary of
State", "Kremlin spokesman") and possessives are removed: a surname-only or
first-name-only mention joins the full name it shares that word with, and when
two people share a surname (Bill and Hillary Clinton) the mention goes to the
one named most recently (or the one whose gender a title fixes).  Gender comes
from titles and from pronouns that can only refer to one person.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .names import gender_of_given_name
from .cues import (
    PERSON_NOUNS,
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE_NOUNS,
    MALE_PRONOUNS,
    MALE_TITLES,
    PERSON_TITLES,
    TITLE_WORDS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as SpacySpan, Token

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
#: kinds of actors the text does not name: one person ("an official who spoke on
#: condition of anonymity") or several ("people familiar with the matter")
UNNAMED = "unnamed"
GROUP = "group"
#: labels whose actors are kept only when they are quoted
SPEAKING_ONLY = ("GPE", "NORP")
_STRIP = " \t\r\n\u00a0,;:!?\"'`()[]{}<>\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e*_|/\\-\u2013\u2014\u2026"
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$", re.I)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
#: a name in these roles is not the subject even at the start of a sentence
_OBJECT_DEPS = ("pobj", "dobj", "dative", "poss")
#: Entities that spaCy's small model often labels PERSON though they are not people
_NOT_NAMES = frozenset(
    "god twitter facebook instagram youtube x tiktok reuters ap afp cnn msnbc fox".split()
)
#: entity labels a surname is never taken out of
_NOT_ACTOR_KEEP = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "WORK_OF_ART")
#: Words that end a name the tagger ran on into a title-case headline
_NAME_BREAKS = frozenset(
    """
    says said tells told asks warns claims admits calls slams urges vows denies insists he she i we they
    it his her their is was are were will would has have had
    """.split()
)
_BREAK_MARKS = frozenset(":;\u201c\u201d\u2018\"|[]")
#: Last words that make a name an organisation, whatever the tagger says
#: ("Civic Platform", "European Council", "Justice Department")
ORG_HEADS = frozenset(
    """
    platform council party committee commission union ministry department agency office bureau
    court parliament assembly congress senate government administration authority institute
    foundation association federation league alliance coalition movement front group company
    corporation corp inc ltd llc bank university college school hospital church network
    campaign organization organisation service services board police army navy forces
    studio studios records band orchestra club team hall center centre museum
    """.split()
)
#: Last words that only say a name is a company ("Salling Group", "Acme Holdings")
COMPANY_SUFFIXES = frozenset("group holdings inc corp corporation company co ltd llc plc ag sa gmbh a/s".split())
#: Time zones the tagger may take for organisations ("(0100 UTC)")
TIME_ZONES = frozenset("utc gmt est edt cst cdt mst mdt pst pdt cet cest eet eest bst ist jst kst aest aedt msk".split())
#: Words that make a name a storm's ("Hurricane Humberto", "Typhoon Hagibis")
STORM_WORDS = frozenset("hurricane typhoon cyclone storm".split())
#: Nouns for facilities a name may modify ("Mysore Junction railway station", "the Khurais oil field")
#: Last words of names of events ("International Women's Day", "World Athletics Championships")
EVENT_HEADS = frozenset("day week festival fest championship championships olympics tournament marathon awards ceremony".split())
FACILITY_NOUNS = frozenset("station airport airfield field junction reservation range terminal refinery plant mine".split())
#: Nouns before a name that make it a news outlet
MEDIA_NOUNS = frozenset(
    """
    daily newspaper paper broadcaster agency outlet magazine website site channel network station tabloid weekly
    company firm corporation startup maker manufacturer retailer carrier publisher distributor developer
    """.split()
)
#: Last words of place names the tagger may call people
PLACE_HEADS = frozenset("avenue street road boulevard lane square bridge park falls river lake mountain".split())
#: First words of place names the tagger may call people ("Ciudad Juárez", "Fort Worth")
PLACE_FIRST = frozenset("ciudad fort mount port puerto porto cape lake san santa sao são nueva nuevo villa".split())
#: Nouns for places ("cities like Kharkiv", "the island Crete")
PLACE_NOUNS = frozenset("city town village region province state country island capital port area district county".split())
#: Last words of names of products and projects ("Rocky Linux")
PRODUCT_HEADS = frozenset("linux os windows project pipeline software app browser".split())
#: Nouns that, in apposition, say a name belongs to a person ("Maryam Violet,
#: an Iranian journalist"; "his wife, Melania")
ROLE_NOUNS = PERSON_NOUNS | MALE_NOUNS | FEMALE_NOUNS | frozenset(
    """
    journalist reporter writer author editor student teacher professor lawyer attorney doctor nurse
    analyst strategist activist worker resident voter supporter friend aide adviser advisor
    manager owner pastor historian economist scientist researcher partner employee veteran
    officer witness victim survivor neighbor neighbour farmer artist musician drummer photographer
    organizer organiser consultant pollster blogger commentator columnist lawmaker politician
    broadcaster presenter designer producer musician singer guitarist bassist chef host comedian
    engineer expert scholar academic diplomat prosecutor judge mayor
    """.split()
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\d\[\]{}<>/\\|=@$#*_^~%+?!;:\"\u201c\u201d\u00ab\u00bb\u2015\u2014\u2013&]*$")
_OK_CONNECTORS = frozenset("of de du da di del la le van von der den bin ibn al el y and & the for".split())


def plausible_name(name: str, label: str) -> bool:
    """A sanity check on what the tagger calls a name: a few words of letters.

    Rejects runs of thousands of characters, words with digits in a person's
    name ("C1 CSI"), bits of markup ("bold[/bold") and control characters.
    """
    words = name.split()
    # an unnamed speaker's noun phrase may run longer than a name
    max_chars, max_words = (160, 25) if label in (UNNAMED, GROUP) else (80, 8)
    if not words or len(name) > max_chars or len(words) > max_words:
        return False
    if any((ch.isspace() and ch not in " \u00a0") or unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        return False
    if re.search(r"(.)\1{4,}", name):
        return False
    if label == "PERSON" and not any(w[:1].isupper() for w in words):
        return False  # "square km": a person's name has a capital
    for w in words:
        if len(w) > 30:
            return False
        if w.lower() in _OK_CONNECTORS:
            continue
        if label == "PERSON":
            if not _NAME_WORD.match(w) or any(ch.isdigit() for ch in w):
                return False
        elif label in ACTOR_LABELS and re.search(r"[A-Za-z]-\d+$", w):
            return False  # "COVID-19", "SARS-CoV-2": a disease or a product, not an actor
        elif not any(ch.isalnum() for ch in w) or re.search(r"[\[\]{}<>\\|=@$#*^~]", w):
            return False
    return True


@dataclass
class Cluster:
    """One actor while it is being built."""

    index: int
    label: str
    words: tuple[str, ...]  # normalised name words (lower case), the longest seen
    display: str  # best display name so far
    first: int  # offset of first mention
    labels: dict[str, int] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)  # surface forms -> count
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    gender_votes: dict[str, float] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)
    #: nouns the text describes it with ("Ana Ruiz, a city councillor", "the daily
    #: Kathimerini"), for a later "the councillor said" / "the daily reported"
    roles: set[str] = field(default_factory=set)
    quotes: list[str] = field(default_factory=list)
    last_seen: int = 0
    #: an unnamed speaker ("an official", "critics"): kind "unnamed", or "group" when plural
    nominal: bool = False
    plural: bool = False
    #: (offset, was the subject) of each mention noted so far, in offset order
    seen: list[tuple[int, bool]] = field(default_factory=list)
    #: the cluster this one was merged into (a birth name), if any
    alias_of: int | None = None
    #: the kind the text's evidence gives a "person" that is not one ("ORG", "GPE", "" to drop)
    demoted: str | None = None
    #: not an actor after all (a name that only ever modifies a noun, a one-off word)
    hidden: bool = False

    @property
    def core(self) -> list[str]:
        """The name words that identify a person (no initials, no Jr.)."""
        if self._core_for is not self.words:
            self._core = _core(self.words)
            self._core_for = self.words
        return self._core

    _core: list[str] = field(default_factory=list, repr=False)
    _core_for: tuple[str, ...] | None = field(default=None, repr=False)

    @property
    def gender(self) -> str | None:
        m = self.gender_votes.get("m", 0.0)
        f = self.gender_votes.get("f", 0.0)
        if m > f:
            return "m"
        if f > m:
            return "f"
        return None

    @property
    def kind(self) -> str:
        if self.nominal:
            return GROUP if self.plural else UNNAMED
        if self.demoted:
            return self.demoted
        if self.label == "PERSON" or not self.labels:
            # a cluster founded on a full personal name stays a person even
            # when the model tags some of its mentions ORG or GPE
            return self.label
        if self.titles & PERSON_TITLES and not (self.words and self.words[-1] in ORG_HEADS):
            return "PERSON"
        return max(self.labels.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]

    def vote(self, gender: str, weight: float) -> None:
        self.gender_votes[gender] = self.gender_votes.get(gender, 0.0) + weight


@dataclass(frozen=True)
class NameMention:
    """An entity mention linked to a cluster."""

    start: int
    end: int
    cluster: int
    head: int  # token index of the mention's last token
    subject: bool  # the mention is the subject of its clause


_GLUED_CAPTION = re.compile(r"(?<=[a-z]) ?Image$")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, punctuation and a possessive 's from both ends (and an
    "Image" label a scraped caption glued to the name: "Jane RoeImage")."""
    m = _GLUED_CAPTION.search(text, start, end)
    if m and m.end() == end and (not m.group().startswith(" ") or text[end : end + 1] == ":"):
        end = m.start()
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start:
        if text[end - 1] in _STRIP:
            end -= 1
            continue
        m = _POSSESSIVE.search(text, start, end)
        if m and m.start() > start and (end - m.start() <= 2) and m.end() == end:
            end = m.start()
            continue
        if text[end - 1] == "." and not _keeps_period(text[start:end]):
            end -= 1
            continue
        break
    return start, end


def _keeps_period(s: str) -> bool:
    last = s.split()[-1] if s.split() else s
    core = last.rstrip(".")
    # Jr., Inc., U.S., D.C., St. keep their period
    return len(core) <= 3 or "." in core


def name_words(text: str) -> list[str]:
    """Words of a name: lower case, possessive removed."""
    text = text.replace("\u2019", "'")
    words = []
    for w in text.split():
        w = w.strip(",;:()\"")
        if w.endswith("'s"):
            w = w[:-2]
        elif w.endswith("'"):
            w = w[:-1]
        if w:
            words.append(w.lower())
    return words


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading title words off a name; never strip it to nothing."""
    i = 0
    while i < len(words) - 1 and words[i] in TITLE_WORDS:
        i += 1
    return words[i:], words[:i]


def _core(words: Iterable[str]) -> list[str]:
    return [w for w in words if w not in _SUFFIXES and len(w.rstrip(".")) > 1]


class ActorIndex:
    """Clusters of entity mentions, and look-ups used by quote attribution."""

    def __init__(self, doc: "Doc", text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        #: the document's tokens, made once (spaCy builds a new object on every access)
        self.tokens = list(doc)
        self.clusters: list[Cluster] = []
        self.entities: list[tuple[int, int, str, int | None]] = []  # start, end, label, cluster
        self.mentions: list[NameMention] = []
        self._mention_starts: list[int] = []
        self.token_cluster: dict[int, int] = {}
        self.extra_mentions: list[tuple[int, int, int, str]] = []  # start, end, cluster, kind
        self._nominal_keys: dict[str, int] = {}
        #: names of storms ("Humberto" where the text says "Hurricane Humberto")
        self._storms: set[str] = {
            t.nbor(1).lower_ for t in self.tokens
            if t.lower_ in STORM_WORDS and t.i + 1 < len(self.tokens) and t.nbor(1).is_title}
        self._build()

    # ------------------------------------------------------------ building --
    def _build(self) -> None:
        doc, text = self.doc, self.text
        full: list[tuple["SpacySpan", list[str], list[str], int, int, str]] = []
        partial: list[tuple["SpacySpan", list[str], list[str], int, int, str]] = []
        relabel: dict[tuple[int, int], str] = {}
        ents = self._entity_spans()
        # names the text introduces as a company or an outlet ("software company Red Hat"),
        # wherever the tagger calls them people
        org_names = {tuple(name_words(text[ent.start_char : ent.end_char])) for ent in ents
                     if ent.start > 0 and doc[ent.start - 1].lower_ in MEDIA_NOUNS}
        for ent in ents:
            s, e = trim_span(text, ent.start_char, ent.end_char)
            if e <= s:
                continue
            label = ent.label_
            if label not in ACTOR_LABELS or not plausible_name(text[s:e], label) or (
                    label == "PERSON" and self._verb_in_headline(ent)):
                self.entities.append((s, e, label, None))
                continue
            words = name_words(text[s:e])
            if label == "PERSON" and len(words) >= 2 and words[-1] in PLACE_HEADS:
                # "Karl Marx Avenue", "Chippewa Falls": a place, not a speaker
                self.entities.append((s, e, "FAC", None))
                continue
            if label == "PERSON" and tuple(words) in org_names:
                label = relabel[(s, e)] = "ORG"  # "Greek daily Kathimerini"
            if label == "PERSON" and len(words) >= 2 and words[-1] in ORG_HEADS:
                label = relabel[(s, e)] = "ORG"  # "Civic Platform", "European Council"
            elif label in ("ORG", "GPE") and len(words) <= 3 and ent[0].is_title and ent.root.tag_ == "NNP" \
                    and self._role_appos(ent):
                label = relabel[(s, e)] = "PERSON"  # "Maryam Violet, an Iranian journalist"
            stripped, titles = strip_titles(words)
            while label == "PERSON" and len(stripped) > 2 and stripped[0] in ROLE_NOUNS:
                # "Broadcaster Piers Morgan" at the start of a sentence
                titles.append(stripped[0])
                stripped = stripped[1:]
            if label == "PERSON" or (len(stripped) >= 2 and set(titles) & PERSON_TITLES):
                # "Ukrainian President Volodymyr Zelenskyy" even when tagged ORG,
                # but not "Justice Department"
                words = stripped
            else:
                titles = []
            if label == "PERSON":
                # "Leeds Karim Haddad" (from "Mayor of Leeds Karim Haddad"): the name starts at the given name
                k = next((k for k in range(1, len(words) - 1) if gender_of_given_name(words[k])), 0)
                if k and not gender_of_given_name(words[0]):
                    titles = titles + words[:k]
                    words = words[k:]
            titles += self._titles_before(ent)
            core = _core(words)
            if label != "PERSON" and 2 <= len(core) <= 3 and gender_of_given_name(core[0]) \
                    and all(w[:1].isupper() for w in text[s:e].split()[-len(core):]):
                # "Thomas Harlan" tagged ORG: a given name makes it a person
                label = "PERSON"
                relabel[(s, e)] = label
            if all(w in TITLE_WORDS for w in words) and self._inside_title(ent):
                # "State" in "Secretary of State", "House" in "White House spokesperson"
                core = []
            after_article = ent.start > 0 and doc[ent.start - 1].lower_ in ("the", "a", "an")
            if not core or (len(core) == 1 and label == "PERSON" and (core[0] in _NOT_NAMES or after_article)) \
                    or (len(core) == 1 and core[0] in TIME_ZONES) or self._storm(ent, words):
                # "God", "Twitter"; "the Run" is a title, not a person; "(0100 UTC)";
                # "Hurricane Humberto"
                self.entities.append((s, e, label, None))
                continue
            item = (ent, words, titles, s, e, label)
            if label == "PERSON" and len(core) >= 2:
                full.append(item)
            else:
                partial.append(item)
        # full person names first, in text order, so that surnames can join them
        assigned: dict[tuple[int, int], int] = {}
        for ent, words, titles, s, e, _label in full:
            assigned[(s, e)] = self._add_full(ent, words, titles, s, e)
        for ent, words, titles, s, e, label in sorted(partial, key=lambda it: it[3]):
            assigned[(s, e)] = self._add_partial(ent, words, titles, s, e, label)
        # entities in text order
        for ent in ents:
            s, e = trim_span(text, ent.start_char, ent.end_char)
            if (s, e) in assigned:
                cid = assigned[(s, e)]
                self.entities.append((s, e, relabel.get((s, e), ent.label_), cid))
                c = self.clusters[cid]
                c.mentions.append((s, e, "name"))
                head = ent[-1].i
                while head > ent.start and doc[head].is_punct:
                    head -= 1
                # the subject of its clause, or the name that opens its sentence
                subj = (
                    any(t.dep_ in ("nsubj", "nsubjpass") for t in ent)
                    or ent.root.dep_ in ("nsubj", "nsubjpass")
                    or (ent.start - ent.sent.start <= 2 and ent.root.dep_ not in _OBJECT_DEPS)
                    # "One local woman, Karen Robison, pulled him aside"
                    or (ent.root.dep_ == "appos" and ent.root.head.dep_ in ("nsubj", "nsubjpass"))
                )
                self.mentions.append(NameMention(s, e, cid, head, subj))
                for t in ent:
                    self.token_cluster[t.i] = cid
        self._note_roles(ents)
        self._propagate_names()
        self._merge_birth_names()
        self.entities.sort()
        self.mentions.sort(key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]
        self._guess_genders()

    def _entity_spans(self) -> list["SpacySpan"]:
        """The document's entities, a surname-only person extended over a given
        name the model left out ("Sadiq" in "Mayor of London Sadiq Khan")."""
        from spacy.tokens import Span

        doc = self.doc
        out = []
        for ent in doc.ents:
            start = ent.start
            # "Trump Says He Never ..." in a title-case headline, "Cecile Richards: ..."
            cut = next((t.i for t in ent[1:] if t.lower_ in _NAME_BREAKS or t.text in _BREAK_MARKS
                        # "by Associated Press of bank robberies": a name goes on after 'of' in capitals only
                        or (t.lower_ == "of" and t.i + 1 < ent.end and t.nbor(1).is_lower)), None)
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
            while len(ent) > 1 and (ent[0].tag_ in ("MD", "VBZ", "VBD", "VBP") or ent[0].pos_ == "ADV") \
                    and ent.label_ in ACTOR_LABELS:
                # "Will Rocky Linux provide ...?", "Later Blue Harbor announced": a verb or
                # an adverb before the name is not part of it
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
                start = ent.start
            if ent.label_ == "PERSON":
                while start > 0 and ent.start - start < 2:
                    t = doc[start - 1]
                    if t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and t.lower_ not in TITLE_WORDS \
                            and not t.is_sent_start and "\n" not in t.text_with_ws:
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
        return out

    def _note_roles(self, ents: list["SpacySpan"]) -> None:
        """Nouns in apposition with a name, or right before it, describe that actor."""
        doc = self.doc
        for ent in ents:
            cid = self.token_cluster.get(ent.root.i)
            if cid is None:
                continue
            c = self.clusters[cid]
            root = ent.root
            nouns = [k for k in root.children if k.dep_ == "appos" and k.pos_ == "NOUN" and k.i >= ent.end]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
                nouns.append(root.head)  # "the councillor, Ana Ruiz"
            if ent.start > 0 and doc[ent.start - 1].is_lower and (
                    doc[ent.start - 1].pos_ == "NOUN" or doc[ent.start - 1].lower_ in MEDIA_NOUNS):
                nouns.append(doc[ent.start - 1])  # "the daily Kathimerini", "councillor Ana Ruiz"
            for k in nouns:
                c.roles.add(k.lemma_.lower())

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

    def has_role(self, noun: str) -> bool:
        return any(noun in c.roles for c in self.clusters)

    def _merge_birth_names(self) -> None:
        """ "Ginger Baker was born Peter Edward Baker": one person, two names."""
        tc = self.token_cluster
        for t in self.tokens:
            if t.lower_ != "born" or t.i + 1 >= len(self.tokens):
                continue
            b = tc.get(t.i + 1)
            subj = next((c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if subj is None and t.head.lemma_ == "be":
                subj = next((c for c in t.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            a = tc.get(subj.i) if subj is not None else None
            if a is None or b is None or a == b:
                continue
            ca, cb = self.clusters[a], self.clusters[b]
            if ca.kind != "PERSON" or cb.label != "PERSON":
                continue
            cb.alias_of = a
            for form, n in cb.forms.items():
                ca.forms[form] = ca.forms.get(form, 0) + n
            ca.mentions.extend(cb.mentions)
            cb.mentions = []
            for i, c in list(tc.items()):
                if c == b:
                    tc[i] = a
            self.entities = [(s, e, lab, a if cid == b else cid) for s, e, lab, cid in self.entities]
            self.mentions = [NameMention(m.start, m.end, a, m.head, m.subject) if m.cluster == b else m
                             for m in self.mentions]

    def _propagate_names(self) -> None:
        """Name words the model missed ("Trump — who …") become mentions too."""
        surnames: dict[str, int | None] = {}
        for c in self.clusters:
            if c.label != "PERSON":
                continue
            core = c.core
            if not core or (len(core) == 1 and sum(c.forms.values()) < 2):
                continue  # a one-word name seen once may be a tagging accident
            w = core[-1]
            surnames[w] = None if w in surnames and surnames[w] != c.index else c.index
        if not surnames:
            return
        taken = self.token_cluster
        # a surname the model gave another label ("Schiff" as a place) is still the person
        covered = {i for ent in self.doc.ents if ent.label_ in ACTOR_LABELS + _NOT_ACTOR_KEEP
                   for i in range(ent.start, ent.end)}
        relabelled: set[int] = set()
        for t in self.tokens:
            if t.i in covered or t.i in taken or not t.is_title:
                continue
            if t.pos_ != "PROPN" and (t.i == t.sent.start or t.i == 0 or self.tokens[t.i - 1].is_title
                                      or self.tokens[t.i - 1].text.strip() in ("", ".", "!", "?", ":", "\u201c", '"', "'")):
                continue  # a surname the tagger took for a verb ("Trump implored") mid-sentence only
            cid = surnames.get(t.lower_)
            if cid is None:
                continue
            nxt = self.tokens[t.i + 1] if t.i + 1 < len(self.tokens) else None
            prev = self.tokens[t.i - 1] if t.i > 0 else None
            if (nxt is not None and nxt.is_title and nxt.pos_ == "PROPN") or (
                prev is not None and prev.is_title and prev.pos_ == "PROPN" and prev.lower_ not in TITLE_WORDS
            ):
                continue  # part of a longer name the model did not tag ("Sadiq Khan")
            s, e = t.idx, t.idx + len(t)
            relabelled.add(s)
            self.entities.append((s, e, "PERSON", cid))
            c = self.clusters[cid]
            c.mentions.append((s, e, "name"))
            subj = t.dep_ in ("nsubj", "nsubjpass") or (t.i - t.sent.start <= 2 and t.dep_ not in _OBJECT_DEPS)
            self.mentions.append(NameMention(s, e, cid, t.i, subj))
            taken[t.i] = cid
        if relabelled:
            self.entities = [ent for ent in self.entities
                             if ent[3] is not None or not any(ent[0] <= p < ent[1] for p in relabelled)]

    @staticmethod
    def _role_appos(ent: "SpacySpan") -> bool:
        """The name stands in apposition with a noun for a person."""
        root = ent.root
        if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS and root.head.i < ent.start:
            return True
        return any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS and c.i >= ent.end for c in root.children)

    def _inside_title(self, ent: "SpacySpan") -> bool:
        doc = self.doc
        prev = doc[ent.start - 1] if ent.start > 0 else None
        nxt = doc[ent.end] if ent.end < len(doc) else None
        return (prev is not None and prev.lower_ == "of") or (nxt is not None and nxt.lower_ in TITLE_WORDS)

    def _titles_before(self, ent: "SpacySpan") -> list[str]:
        """Title words right before an entity ("Secretary of State", "Mr.")."""
        out: list[str] = []
        i = ent.start - 1
        doc = self.doc
        while i >= 0 and ent.start - i <= 4:
            t = doc[i]
            w = t.lower_
            if w in TITLE_WORDS and (t.is_title or t.is_upper or w in ("of", "state") or w.endswith(".")):
                out.insert(0, w)
                i -= 1
                continue
            break
        if out and out[-1] == "of":
            return []  # "Mayor of London": the place, not the mayor
        # a role noun in lower case right before the name ("his daughter Nettie Baker")
        if not out and i >= 0 and doc[i].is_lower and doc[i].lemma_.lower() in ROLE_NOUNS:
            out.append(doc[i].lemma_.lower())
        return out

    def _new_cluster(self, label: str, words: list[str], display: str, s: int) -> int:
        cid = len(self.clusters)
        self.clusters.append(Cluster(cid, label, tuple(words), display, s))
        return cid

    def _note(self, cid: int, label: str, display: str, titles: list[str], s: int, subject: bool = False) -> int:
        c = self.clusters[cid]
        c.labels[label] = c.labels.get(label, 0) + 1
        c.forms[display] = c.forms.get(display, 0) + 1
        c.last_seen = max(c.last_seen, s)
        bisect.insort(c.seen, (s, subject))
        for t in titles:
            c.titles.add(t)
            if t in MALE_TITLES:
                c.vote("m", 3.0)
            elif t in FEMALE_TITLES:
                c.vote("f", 3.0)
        return cid

    def _display(self, ent: "SpacySpan", s: int, e: int, words: list[str]) -> str:
        raw = self.text[s:e]
        parts = raw.split()
        # drop the title words that were stripped from the front
        drop = len(name_words(raw)) - len(words)
        shown = " ".join(parts[drop:]) if 0 < drop < len(parts) else raw
        shown = re.sub(r"['\u2019]s?$", "", shown).strip()
        # "a Kim Jong-un", "the The Independent"
        shown = re.sub(r"^(?:an?|the) (?=[A-Z])", "", shown) if ent.label_ == "PERSON" or shown.startswith("the The ") else shown
        return " ".join(shown.split())

    def _add_full(self, ent, words, titles, s, e) -> int:
        core = _core(words)
        display = self._display(ent, s, e, words)
        subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (ent.start - ent.sent.start <= 2 and ent.root.dep_ not in _OBJECT_DEPS)
        for c in self.clusters:
            if c.label != "PERSON":
                continue
            cc = c.core
            n = min(len(cc), len(core))
            if len(cc) >= 2 and ((cc[0] == core[0] and cc[-1] == core[-1]) or (
                    # "Mahmood Al Yousif" and "Al Yousif"
                    n >= 2 and len(cc) != len(core) and cc[-n:] == core[-n:] and not gender_of_given_name(core[0]))):
                if len(words) > len(c.words) and (gender_of_given_name(core[0]) or not gender_of_given_name(cc[0])):
                    # the longer form names the person ("Aung San Suu Kyi"), unless it
                    # only puts a stray word before a given name ("Icon Morton Blackwell")
                    c.words = tuple(words)
                    c.display = display
                return self._note(c.index, "PERSON", display, titles, s, subject)
        cid = self._new_cluster("PERSON", words, display, s)
        return self._note(cid, "PERSON", display, titles, s, subject)

    def _add_partial(self, ent, words, titles, s, e, label) -> int:
        core = _core(words)
        display = self._display(ent, s, e, words)
        key = tuple(w for w in words if w != "the")
        if len(core) == 1:
            w = core[0]
            gender = "m" if any(t in MALE_TITLES for t in titles) else "f" if any(t in FEMALE_TITLES for t in titles) else None
            people = [c for c in self.clusters if c.label == "PERSON" and len(c.core) >= 2]
            cands = [c for c in people if c.core[-1] == w]
            if not cands:
                cands = [c for c in people if c.core[0] == w]
            if cands and label in ("PERSON", "ORG", "GPE", "NORP"):
                if label != "PERSON" and not (ent[0].is_title or ent[0].is_upper):
                    cands = []
            if cands:
                if gender and any(c.gender == gender for c in cands):
                    cands = [c for c in cands if c.gender == gender]
                before = [c for c in cands if c.first < s]
                if not before:
                    pick = min(cands, key=lambda c: c.first)
                elif len(before) == 1:
                    pick = before[0]
                else:
                    # the one just named as the subject of a nearby sentence
                    # ("Former President Bill Clinton spoke ... Clinton said"),
                    # else the one named most
                    last = {c.index: c.seen[bisect.bisect_left(c.seen, (s, False)) - 1] for c in before}
                    recent = max(before, key=lambda c: last[c.index][0])
                    at, was_subject = last[recent.index]
                    if s - at < 300 and was_subject:
                        pick = recent
                    else:
                        pick = max(before, key=lambda c: (len(c.seen), last[c.index][0]))
                return self._note(pick.index, label, display, titles, s)
        for c in self.clusters:
            if c.nominal:
                continue
            ckey = tuple(w for w in c.words if w != "the")
            if ckey == key:
                return self._note(c.index, label, display, titles, s)
        if len(core) == 1 and label == "ORG":
            # "Salling" after "Salling Group": the company without its suffix
            firms = [c for c in self.clusters if c.kind == "ORG" and len(c.core) == 2 and c.core[0] == core[0]
                     and c.core[-1] in COMPANY_SUFFIXES and c.first < s]
            if len(firms) == 1:
                return self._note(firms[0].index, label, display, titles, s)
        cid = self._new_cluster(label, words, display, s)
        return self._note(cid, label, display, titles, s)

    def _guess_genders(self) -> None:
        """Vote a gender for people from given names and from pronouns that can refer to one person only."""
        doc = self.doc
        for c in self.clusters:
            core = c.core
            if c.label == "PERSON" and len(core) >= 2:
                g = gender_of_given_name(core[0])
                if g:
                    c.vote(g, 1.5)
        for t in self.tokens:
            w = t.lower_
            if w in MALE_PRONOUNS:
                g = "m"
            elif w in FEMALE_PRONOUNS:
                g = "f"
            else:
                continue
            sent = t.sent
            lo = sent.start_char
            prev_i = sent.start - 1
            if prev_i >= 0:
                lo = doc[prev_i].sent.start_char
            people = {m.cluster for m in self._mentions_between(lo, t.idx) if self.clusters[m.cluster].kind == "PERSON"}
            if len(people) == 1:
                self.clusters[people.pop()].vote(g, 1.0)
        # kinship nouns in apposition: "his daughter, Ivanka"
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            if root.dep_ == "appos" and root.head.lower_ in MALE_NOUNS | FEMALE_NOUNS:
                cid = self.token_cluster.get(root.i)
                if cid is not None:
                    self.clusters[cid].vote("m" if root.head.lower_ in MALE_NOUNS else "f", 2.0)

    def demote_non_people(self, quoted: set[int]) -> None:
        """Names the tagger calls people though the text never treats them as one.

        Only clusters that speak nowhere are judged.  A person has evidence (a
        title, a given name, a he/she, 'X, who ...'); without it, a name tagged
        an organisation or place elsewhere, ending like one ("Rocky Linux"),
        standing after a noun for a thing ("supergroup Blind Faith"), taking
        'which', or after 'the' becomes an organisation; one that only ever
        modifies a noun ("the EastMed project") or is a single word met once
        in no subject role ("Wings's album") is no actor; "Ciudad Juárez" is a place.
        """
        by_cluster: dict[int, list[NameMention]] = {}
        for m in self.mentions:
            by_cluster.setdefault(m.cluster, []).append(m)
        places = {ent.text.lower() for ent in self.doc.ents if ent.label_ in ("GPE", "LOC")}
        for c in self.clusters:
            if c.nominal or c.alias_of is not None or c.index in quoted or c.kind not in ("PERSON", "ORG"):
                continue
            ms = by_cluster.get(c.index, [])
            core = c.core
            if not ms or not core:
                continue
            heads = [self.tokens[m.head] for m in ms]
            if (len(core) >= 2 and core[0] in PLACE_FIRST and not gender_of_given_name(core[0])) or (
                    core[-1] not in ORG_HEADS and not c.titles and (
                        any(self._place_role(t) for t in heads)
                        # "a hospital in Omsk", "stores in Slovakia": only ever somewhere things are
                        or (not c.display.isupper() and all(self._located(t) for t in heads))
                        # "Crete and Cyprus" with Cyprus a place elsewhere
                        or ("and" in c.words and any(w in places for w in c.words if w != "and")))):
                c.demoted = "GPE"
                continue
            if all(t.dep_ == "compound" and t.head.lemma_.lower() in FACILITY_NOUNS and t.head.i > t.i
                   or (t.i + 1 < len(self.tokens) and self.tokens[t.i + 1].lemma_.lower() in FACILITY_NOUNS)
                   for t in heads) and not c.titles:
                c.hidden = True  # "KSR Bangalore station", "the Khurais oil field": a place
                continue
            if core[-1] in EVENT_HEADS and len(core) >= 2:
                c.hidden = True  # an event, not an actor
                continue
            if len(core) == 1 and len(c.words) == 1 and not c.titles and all(
                    self.tokens[m.head].is_sent_start and self.tokens[m.head].pos_ != "PROPN" for m in ms):
                c.hidden = True  # "Scholars have long wondered", "Infection with ...": a capitalised common noun
                continue
            if c.kind != "PERSON":
                continue
            if c.titles or c.gender_votes or any(self._relative(t) == "who" or self._named(t) for t in heads) \
                    or re.search(re.escape(c.display) + r",? who\b", self.text):
                continue
            modifier = [t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.i > t.i for t in heads]
            if all(modifier):
                c.hidden = True
                continue
            other = set(c.labels) - {"PERSON"}
            if len(core) >= 2 and not gender_of_given_name(core[0]) and any(
                    (len(w) >= 7 and w.endswith("ing")) or (len(w) >= 6 and w.endswith("ed")) for w in core[1:]):
                # "High Performance Computing", "Public Licensed": words of a phrase, not a name
                c.hidden = True
                continue
            thing = (
                any(modifier)
                or core[-1] in PRODUCT_HEADS
                or any(self._relative(t) == "which" for t in heads)
                or any(self._thing_appos(t) for t in heads)
                or any(self._after_the(m) for m in ms)
            )
            if other or thing:
                c.demoted = "ORG" if other - {"GPE"} or thing else "GPE"
            elif len(core) == 1 and len(ms) == 1 and not ms[0].subject:
                c.hidden = True
        relabel = {c.index: c.demoted for c in self.clusters if c.demoted}
        if relabel:
            self.entities = [(s, e, relabel[cid] if cid in relabel and lab == "PERSON" else lab, cid)
                             for s, e, lab, cid in self.entities]

    @staticmethod
    def _relative(tok: "Token") -> str | None:
        """ "who" or "which" opening a relative clause on the name."""
        for c in tok.children:
            if c.dep_ == "relcl":
                for g in c.subtree:
                    if g.lower_ in ("who", "whom", "whose"):
                        return "who"
                    if g.lower_ == "which":
                        return "which"
                    break
        return None

    @staticmethod
    def _located(tok: "Token") -> bool:
        """The name is where something is or happens ("in Omsk", "near Ghazni"),
        or listed with such a place."""
        while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            tok = tok.head
        while tok.dep_ in ("conj", "appos") and tok.head.i < tok.i:
            tok = tok.head
        return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "outside", "across", "throughout", "inside")

    @staticmethod
    def _place_role(tok: "Token") -> bool:
        """ "cities like X and Y", "our biggest island X": a noun for a place gives the name."""
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        h = tok.head
        if tok.dep_ == "pobj" and h.lower_ in ("like", "including", "as") and h.head is not h:
            h = h.head
        elif not (tok.dep_ == "appos" and h.i < tok.i):
            return False
        return h.pos_ == "NOUN" and h.lemma_.lower() in PLACE_NOUNS

    @staticmethod
    def _named(tok: "Token") -> bool:
        """ "a Polish chef named X": a role noun gives the name."""
        v = tok.head
        return tok.dep_ == "oprd" and v.lemma_.lower() in ("name", "call") and v.head.lemma_.lower() in ROLE_NOUNS

    @staticmethod
    def _thing_appos(tok: "Token") -> bool:
        """In apposition with a common noun that is no word for a person."""
        if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i:
            return tok.head.lemma_.lower() not in ROLE_NOUNS
        return False

    def _after_the(self, m: NameMention) -> bool:
        i = bisect.bisect_right([t.idx for t in self.tokens[max(0, m.head - 8) : m.head + 1]], m.start) - 1
        i += max(0, m.head - 8)
        return i > 0 and self.tokens[i - 1].lower_ == "the" and self.tokens[i].idx == m.start

    # ------------------------------------------------------------- look-ups --
    def _mentions_between(self, lo: int, hi: int) -> list[NameMention]:
        a = bisect.bisect_left(self._mention_starts, lo)
        b = bisect.bisect_left(self._mention_starts, hi)
        return self.mentions[a:b]

    def cluster_of_token(self, tok: "Token") -> int | None:
        return self.token_cluster.get(tok.i)

    def mentions_before(self, pos: int, lo: int) -> list[NameMention]:
        """Name mentions starting in [lo, pos), nearest first."""
        return list(reversed(self._mentions_between(lo, pos)))

    def person(self, display: str, start: int, end: int) -> int:
        """The person a transcript label names when the article names them nowhere else."""
        words = name_words(display)
        for c in self.clusters:
            if c.label == "PERSON" and not c.nominal and c.words == tuple(words):
                return self._note(c.index, "PERSON", display, [], start)
        cid = self._new_cluster("PERSON", words, display, start)
        self.extra_mentions.append((start, end, cid, "name"))
        return self._note(cid, "PERSON", display, [], start)

    def organisation(self, name: str, start: int, end: int) -> int:
        """The organisation of that name ("Wikinews" for its interviewer's label)."""
        words = name_words(name)
        for c in self.clusters:
            if c.kind == "ORG" and c.core == _core(words):
                return c.index
        cid = self._new_cluster("ORG", words, name, start)
        self.extra_mentions.append((start, end, cid, "name"))
        return self._note(cid, "ORG", name, [], start)

    def nominal(self, text: str, start: int, end: int, plural: bool = False) -> int:
        """The cluster for an unnamed speaker ("critics", "the report"); ``plural``
        makes it a group."""
        words = name_words(text)
        while words and words[0] in ("the", "a", "an", "some", "many", "other", "several"):
            words = words[1:] if len(words) > 1 else words
            if len(words) == 1:
                break
        key = " ".join(words)
        cid = self._nominal_keys.get(key)
        if cid is None:
            cid = self._new_cluster("NOMINAL", words, " ".join(text.split()), start)
            self.clusters[cid].nominal = True
            self.clusters[cid].plural = plural
            self._nominal_keys[key] = cid
        c = self.clusters[cid]
        c.forms[text] = c.forms.get(text, 0) + 1
        self.extra_mentions.append((start, end, cid, "descriptor"))
        return cid
