"""Actors: named entities merged into canonical people and organisations.

Entities labelled PERSON, ORG, GPE or NORP become mentions of actors.  Person
names are compared word by word after titles ("President", "Secretary of
State", "Kremlin spokesman") and possessives are removed: a surname-only or
first-name-only mention joins the full name it shares that word with, and when
two people share a surname (Bill and Hillary Clinton) the mention goes to the
one named most recently (or the one whose gender a title fixes).  Gender comes
from titles and from pronouns that can only refer to one person.
"""


import bisect
import re
from typing import TYPE_CHECKING

from .actor_clusters import Cluster, NameMention
from .actor_genders import GenderGuesser
from .actor_words import (
    ACTOR_LABELS,
    COMPANY_SUFFIXES,
    GROUP,
    MEDIA_NOUNS,
    ORG_HEADS,
    PLACE_HEADS,
    ROLE_NOUNS,
    SPEAKING_ONLY,
    STORM_WORDS,
    TIME_ZONES,
    UNNAMED,
)
from .cues import FEMALE_TITLES, MALE_TITLES, PERSON_TITLES, TITLE_WORDS
from .entity_spans import NAME_PARTICLES, EntitySpans
from .fused_names import person_after_body
from .known_places import KnownPlaceFilter, place_before_name
from .named_things import SOURCE_PLURALS, NamedThingFilter, portfolio_before_name
from .name_text import core_words as _core
from .name_text import name_words, plausible_name, strip_titles, trim_span
from .names import gender_of_given_name
from .non_actors import NonActorFilter

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as SpacySpan, Token

#: names other modules import from here, wherever they are defined now
__all__ = [
    "ACTOR_LABELS", "GROUP", "ROLE_NOUNS", "SPEAKING_ONLY", "UNNAMED", "ActorIndex", "Cluster", "NameMention",
    "_core", "name_words", "plausible_name", "strip_titles", "trim_span",
]

#: a name in these roles is not the subject even at the start of a sentence
_OBJECT_DEPS = ("pobj", "dobj", "dative", "poss")
#: Entities that spaCy's small model often labels PERSON though they are not people
_NOT_NAMES = frozenset(
    "god twitter facebook instagram youtube x tiktok reuters ap afp cnn msnbc fox".split()
)
#: entity labels a surname is never taken out of
_NOT_ACTOR_KEEP = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "WORK_OF_ART")


class ActorIndex(EntitySpans, NonActorFilter, KnownPlaceFilter, NamedThingFilter, GenderGuesser):
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
        # the words of the text's organisations' and actors' names, to find one run into a person's
        # ("Detroit Pistons Chauncey Billups" where the text also names "the Detroit Pistons")
        all_names = {tuple(w for w in name_words(ent.text) if w != "the"): ent.label_ for ent in ents
                     if ent.label_ in ACTOR_LABELS}
        bodies = {n for n, lab in all_names.items() if lab == "ORG"}
        people_and_bodies = {n for n, lab in all_names.items() if lab in ("ORG", "PERSON")}
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
            elif label in ("ORG", "GPE") and (k := place_before_name(words, self._after_title(ent))):
                # "Vermont Bernie Sanders" (from "Senator from Vermont Bernie Sanders"): the person
                words = words[k:]
                label = relabel[(s, e)] = "PERSON"
            elif label in ("ORG", "GPE") and self._after_title(ent) and (k := portfolio_before_name(words)):
                # "State Blackwell" (from "Secretary of State Blackwell"): the office's holder
                words = words[k:]
                label = relabel[(s, e)] = "PERSON"
            elif label == "ORG" and "(" not in text[s:e] and (k := person_after_body(words, bodies, people_and_bodies, text[s:e])):
                # "the Andean Community Wagner": the person after a body the text names on its own
                # ("the World Health Organization (WHO": an abbreviation in brackets is the body's)
                words = words[k:]
                label = relabel[(s, e)] = "PERSON"
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
                k = next((k for k in range(1, len(words) - 1) if gender_of_given_name(words[k])
                          and words[k - 1] not in NAME_PARTICLES), 0)  # not "Haitham bin Tariq Al Said"
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
                    or (len(core) == 1 and core[0] in TIME_ZONES) or self._storm(ent, words) \
                    or (len(words) == 1 and words[0] in SOURCE_PLURALS):
                # "God", "Twitter"; "the Run" is a title, not a person; "(0100 UTC)";
                # "Hurricane Humberto"; "Reports said": an unnamed source
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
                                      or self.tokens[t.i - 1].text.strip() in ("", ".", "!", "?", ":", "\u201c", '"', "'")) \
                    and not self._surname_subject(t, surnames):
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

    def _surname_subject(self, t: "Token", surnames: dict[str, int | None]) -> bool:
        """ "Ruiz initially defended the vote": a sentence that opens with the surname
        of a person named in full, as the subject of its verb, names that person
        even when the tagger took the word for a common noun."""
        cid = surnames.get(t.lower_)
        if cid is None or t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "NOUN" or t.i + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[t.i + 1]
        return len(self.clusters[cid].core) >= 2 and nxt.pos_ in ("VERB", "AUX", "ADV") and not t.is_upper

    @staticmethod
    def _role_appos(ent: "SpacySpan") -> bool:
        """The name stands in apposition with a noun for a person."""
        root = ent.root
        if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS and root.head.i < ent.start:
            return True
        return any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS and c.i >= ent.end for c in root.children)

    def _after_title(self, ent: "SpacySpan") -> bool:
        """ "Minister of <ent>", "Senator from <ent>": the name follows a title and a preposition."""
        doc = self.doc
        return ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "from") \
            and doc[ent.start - 2].lower_ in TITLE_WORDS and doc[ent.start - 2].lower_ not in ("of", "the", "state")

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
        # a role noun in lower case right before the name or its titles ("his daughter Nettie
        # Baker", "archbishop Monseñor Jorge Ruiz")
        if i >= 0 and doc[i].is_lower and doc[i].lemma_.lower() in ROLE_NOUNS:
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
                    # a surname ahead of every full name it could be: the person the
                    # text names most in full ("Trump" in a story about Donald Trump
                    # that names his daughter Ivanka Trump first), then the first named
                    pick = max(cands, key=lambda c: (len(c.seen), -c.first))
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
