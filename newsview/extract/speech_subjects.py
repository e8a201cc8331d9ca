"""Who a speech verb's subject is in the parse: climbing through coordinated and
subordinate verbs ("X said A and added B", "declined to say"), past a dateline
("WASHINGTON (AP) — X said"), or the noun right before the verb when the parse
gives none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import BELIEF_VERBS, PERSON_NOUNS, SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: verbs whose object does what their infinitive says ("led her to declare", "prompted him to say")
OBJECT_CONTROL = frozenset("lead prompt force cause push compel inspire pressure get drive".split())


#: words for some of the people, standing for them as a verb's subject ("many argue")
_PEOPLE_QUANTIFIERS = frozenset("many some others most several few".split())

#: pronouns for a thing or a fact, never the one who goes on to speak
_THING_PRONOUNS = frozenset({"it", "this", "that"})


def subject_of(verb: "Token") -> "Token | None":
    """The grammatical subject of a speech verb, climbing through conj/advcl/xcomp."""
    quoted = quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    cur = participle_owner(verb) or verb
    if verb.dep_ == "acl" and verb.head.i == verb.i - 1 and verb.head.lower_ == "old" \
            and verb.doc[verb.i - 2].text in ("-", "year-"):
        return verb.head  # '"...?" the 43-year-old asked', parsed as a verb hung from "old"
    via_xcomp = False
    for _ in range(6):
        said = None
        kids = list(cur.children)
        if sum(1 for c in kids if c.dep_ == "nsubj") > 1:
            # "the engineer Ines Walcott writes" parsed with two subjects: the name
            kids.sort(key=lambda c: not (c.dep_ == "nsubj" and c.pos_ == "PROPN"))
        for c in kids:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and (via_xcomp or _has_contracted(cur))):
                # ("Trump was prompted to say", "X was arrested and said": the passive subject of the verb above)
                # a parse that runs across a line break ("2:00 p.m.\n\nA court document says")
                a, b = sorted((c.i, cur.i))
                if any("\n" in t.text_with_ws for t in verb.doc[a:b]):
                    return noun_before(cur)
                if is_dateline(c):
                    # "WASHINGTON (AP) — Donald Trump and Paul Ryan pledged ..."
                    return _after_dateline(c, cur)
                if cur is not verb and c.lower_ in _THING_PRONOUNS and cur.dep_ == "ccomp" \
                        and cur.head.lemma_.lower() in SPEECH_VERBS:
                    # "X insisted it was premature while adding, ...": the participle
                    # hangs in what X insisted, but "it" does not add anything
                    said = cur.head
                    break
                return c
            if c.i == cur.i - 1 and c.dep_ in ("amod", "advmod", "npadvmod") and c.lower_ in _PEOPLE_QUANTIFIERS:
                return c  # "That plan, many argue, could ...": the parse makes the quantifier a modifier
            if c.dep_ == "agent":  # "was told by X" is rare; "as said by X"
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        surname = _surname_as_adverb(cur)
        if surname is not None:
            return surname
        sharing = _subject_of_clause_before(cur)
        if sharing is not None:
            return sharing
        on_aux = _subject_on_auxiliary(cur)
        if on_aux is not None:
            return on_aux
        if said is not None:
            cur = said
            continue
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in OBJECT_CONTROL:
            # "a win that led her to declare ...", "which prompted him to say ...": the object speaks
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i
                        and (c.pos_ in ("PRON", "PROPN") or c.ent_type_ == "PERSON")), None)
            if obj is not None:
                return obj
        if cur.dep_ == "conj" and cur.head.dep_ == "ccomp" and cur.head.head.lemma_.lower() in SPEECH_VERBS \
                and cur.lemma_.lower() in SPEECH_VERBS and (not any(
                    c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or (c.pos_ == "PRON" and c.lower_ not in _THING_PRONOUNS))
                    for c in cur.head.children) or _keeps_outer_tense(cur, cur.head, cur.head.head)):
            # "X says the response was A and says B", parsed with the second verb
            # inside what X says: the speaker of the outer verb (but in "X revealed
            # that Y accepted A and did not say B" Y speaks, unless the tenses tell
            # otherwise: "X said Y is to blame and accused him of B"; in "X tweeted
            # that it was a disaster and asked, ..." "it" cannot ask)
            cur = cur.head.head
            continue
        if cur.dep_ == "conj" and cur.head.dep_ == "ccomp" and cur.head.head.lemma_.lower() in BELIEF_VERBS \
                and cur.lemma_.lower() in SPEECH_VERBS and _thing_subject(cur.head) \
                and _has_subject(cur.head.head):
            # "Officials believe relief is possible only in court and have been calling on
            # Congress to act": a thing believed in calls on no one, the believers do
            cur = cur.head.head
            continue
        owner = _purpose_infinitive_owner(cur)
        if owner is not None:
            cur = owner
            continue
        if cur.dep_ in ("conj", "advcl", "xcomp", "acl", "acomp", "pcomp", "prep") and cur.head is not cur:
            # "X said A and added B", "X balked, saying B", "X declined to say"
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
                noun = cur.head
                # "Trump fired back a response saying ...", "Trump was heard on a
                # microphone telling ...": the one who issued it
                gov = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
                if gov is not None and gov.pos_ in ("VERB", "AUX") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and _may_issue(c, gov) for c in gov.children
                ):
                    cur = gov
                    via_xcomp = True
                    continue
                return noun
            # "The attacker is reported to have jumped on stage and claimed ...": a
            # verb joined to a passive one shares its subject
            via_xcomp = cur.dep_ in ("xcomp", "conj")
            cur = cur.head
            continue
        break
    inverted = _name_after(verb)
    if inverted is not None:
        return inverted
    listed = _listed_after(verb)
    if listed is not None:
        return listed
    if verb.i > 0 and verb.doc[verb.i - 1].text == ")" and verb.dep_ == "ROOT":
        # "Sen. Ana Ruiz (a Democrat so new she is taken for an aide) says": the
        # parse gives the name to the bracket's own clause
        named = _name_before_brackets(verb.doc[verb.i - 1])
        if named is not None:
            return named
    # "he was back to boasting about X": the subject of the clause the verb hangs from
    up = cur
    for _ in range(3):
        if up.dep_ in ("relcl", "ccomp", "parataxis", "ROOT") or up.head is up:
            break
        up = up.head
        if up.pos_ in ("VERB", "AUX"):
            # "She praised A but stopped short of calling for B": the second verb
            # of a pair has the first one's subject
            while up.dep_ == "conj" and up.head.pos_ in ("VERB", "AUX") and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in up.children):
                up = up.head
            subj = next((c for c in up.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in ("he", "she", "they") or (
                    subj is not None and subj.ent_type_ in ("PERSON", "ORG")):
                return subj
            break
    return None


def participle_owner(verb: "Token") -> "Token | None":
    """ "…,” he said, adding that …": a participle after a comma or a dash goes on
    with the speech verb before it, whatever verb the parse hung it from (a quoted
    clause's verb often takes it, and that clause's "they" is not who added)."""
    doc = verb.doc
    if verb.tag_ != "VBG":
        return None
    opening = _opening_participle_owner(verb)
    if opening is not None:
        return opening
    # "..., he said, not even suggesting ...", "..., she said, also noting ...":
    # a negation or an adverb may stand between the comma and the participle
    first = verb.i
    while first > 0 and doc[first - 1].dep_ in ("neg", "advmod") and verb.i - first < 3 \
            and doc[first - 1].head.i == verb.i:
        first -= 1
    if first < 2 or doc[first - 1].text not in ("," ,) + _DASHES:
        return None
    sent_start = verb.sent.start
    for k in range(first - 2, max(sent_start, first - 12) - 1, -1):
        t = doc[k]
        if t.text in (".", "!", "?", ";", ":") or "\n" in t.text_with_ws:
            return None
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            if t.lemma_.lower() in SPEECH_VERBS and _has_subject(t):
                return t
            reporting = _reporting_verb(t)
            if reporting is not None:
                return reporting
            if t.dep_ == "ROOT" and _person_subject(t):
                # "Ruiz shared the news last week, writing ...": whatever the main verb,
                # a participle after its clause is its subject's doing
                return t
            break
    # "X rejected the idea that Y would fail, saying ...": hung from the verb of
    # the idea X rejected, the participle is still X's
    head = verb.head
    if head.i < verb.i and head.dep_ == "acl" and head.head.pos_ == "NOUN" and head.head.dep_ == "dobj":
        gov = head.head.head
        if gov.pos_ == "VERB" and gov.lemma_.lower() in SPEECH_VERBS and _has_subject(gov):
            return gov
    return None


#: verbs whose subject takes in a message rather than sends it ("police received calls saying ...")
_RECEIVING = frozenset("receive get obtain see read find review hear".split())


def _may_issue(subj: "Token", gov: "Token") -> bool:
    """The subject of the verb that governs a message ("fired back a response
    saying", "turned up beside an item suggesting") could have issued it: not
    someone receiving it, not a thing ("the picture") that says nothing."""
    if subj.dep_ == "nsubj" and gov.lemma_.lower() in _RECEIVING:
        return False
    return subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ in ("PRON", "PROPN") \
        or subj.lemma_.lower() in PERSON_NOUNS or subj.tag_ in ("NNS", "NNPS")


def _person_subject(verb: "Token") -> bool:
    """The verb's subject is someone: a person's name or a personal pronoun."""
    return any(c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in ("he", "she", "they"))
               for c in verb.children)


def _thing_subject(clause: "Token") -> bool:
    """The clause's subject is a thing, something that cannot go on to speak."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and not (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                     or subj.pos_ in ("PRON", "PROPN") or subj.lemma_.lower() in PERSON_NOUNS)


def _reporting_verb(verb: "Token") -> "Token | None":
    """ "Analysts said the factors have contributed to it, citing ...": the verb of
    what was reported, when its subject is a thing that cannot go on to speak, passes
    a participle after it on to the reporting verb."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    if clause.dep_ != "ccomp" or outer.lemma_.lower() not in SPEECH_VERBS or not _has_subject(outer):
        return None
    return outer if _thing_subject(clause) else None


def _tense(verb: "Token") -> str | None:
    """ "past" or "present" for a finite verb (its first auxiliary decides), else None."""
    for t in [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i][:1] + [verb]:
        if t.tag_ == "VBD":
            return "past"
        if t.tag_ in ("VBZ", "VBP"):
            return "present"
        if t.tag_ == "MD" or t.dep_ in ("aux", "auxpass"):
            return None
    return None


def _keeps_outer_tense(second: "Token", first: "Token", outer: "Token") -> bool:
    """ "A narrator reminds viewers that Ruiz marched in 1963 and says ...": the
    second of two joined verbs inside a report, in the reporting verb's tense and
    not in the first one's, goes on with the reporting verb."""
    t = _tense(second)
    return t is not None and t == _tense(outer) and _tense(first) not in (None, t)


def _opening_participle_owner(verb: "Token") -> "Token | None":
    """ "Remarking on the vote, Ruiz said ...": a participle that opens its
    sentence, before a comma, is said by the subject of the speech verb that
    follows the comma."""
    doc = verb.doc
    sent = verb.sent
    if verb.i != sent.start:
        return None
    comma = next((t for t in doc[verb.i + 1 : min(sent.end, verb.i + 25)] if t.text == ","), None)
    if comma is None:
        return None
    for t in doc[comma.i + 1 : min(sent.end, comma.i + 8)]:
        if t.text in (".", "!", "?", ";", ":") or "\n" in t.text_with_ws:
            return None
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            if t.lemma_.lower() in SPEECH_VERBS and _has_subject(t):
                return t
            return None
    return None


def _purpose_infinitive_owner(verb: "Token") -> "Token | None":
    """ "Ruiz held a briefing to announce ...", "Ruiz pivoted with every answer
    to talk about ...": an infinitive on a thing (not a person: "hired a spokesman
    to say") is done by the subject of the verb that thing hangs from."""
    if verb.dep_ != "relcl" or verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    noun = verb.head
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in PERSON_NOUNS or noun.ent_type_ in ("PERSON", "ORG", "NORP"):
        return None
    gov = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if gov is None or gov.pos_ != "VERB" or not _has_subject(gov):
        return None
    return gov


def _subject_on_auxiliary(verb: "Token") -> "Token | None":
    """ "Trump wasn't so much saying ...": a parse may hang the subject from the
    auxiliary rather than from the verb it helps."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
            subj = next((g for g in aux.children if g.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    return None


def _name_after(verb: "Token") -> "Token | None":
    """ "The puzzle, says Ines Walcott, a historian, is that ...": an inverted
    attribution whose name the parse gave to the sentence's verb instead."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or verb.tag_ not in ("VBZ", "VBD"):
        return None
    if doc[verb.i - 1].text not in (",", "\u201d", '"', "''") + _DASHES:
        return None
    t = doc[verb.i + 1]
    if t.ent_type_ != "PERSON" or t.ent_iob_ != "B":
        return None
    while t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I":
        t = doc[t.i + 1]
    if t.dep_ == "poss" and t.head.i > t.i and t.head.pos_ == "NOUN":
        return t.head  # '"...," exhorted Ruiz's introducer, X': the one she introduced is not who spoke
    return t


def _surname_as_adverb(verb: "Token") -> "Token | None":
    """ "Informed of the result, Early described it as ...": a capitalised word right
    before the verb, inside the sentence, that the tagger took for an adverb or an
    adjective is a surname (the resolver keeps it only if it names someone in the text)."""
    if verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.head.i == verb.i and prev.dep_ in ("advmod", "npadvmod", "amod") and prev.pos_ in ("ADV", "ADJ") \
            and prev.is_title and prev.i != prev.sent.start and prev.is_alpha:
        return prev
    return None


def _subject_of_clause_before(verb: "Token") -> "Token | None":
    """ "Pollster Ana Ruiz is happy to be the standard, says she warned about it": a
    verb with no subject between a clause about someone and what it reports goes on
    with that clause's subject (the parse takes the first clause for what was said)."""
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if before is None or not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children) \
            or not any(t.text == "," for t in verb.doc[max(0, verb.i - 2) : verb.i]):
        return None  # no comma before the verb: the "clause" may be its subject misread ("X privy to Y said")
    subj = next((c for c in before.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN"):
        return None
    return subj


def _has_subject(t: "Token") -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


#: words for a time that the tagger may leave unlabelled
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
    morning afternoon evening night week weekend month year
    """.split()
)


def is_time(tok: "Token") -> bool:
    if tok.lower_ in ("old", "olds") and tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "year-"):
        return False  # "the 43-year-old": an age, someone described by it, not a time
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in TIME_WORDS


_DASHES = ("\u2014", "\u2013", "-", "--")


def is_dateline(tok: "Token") -> bool:
    """A place name opening a paragraph before a dash ("WASHINGTON (AP) —")."""
    doc = tok.doc
    i = tok.i
    k = i
    while k > 0 and "\n" not in doc[k - 1].text_with_ws and i - k < 4:
        k -= 1
    if k > 0 and "\n" not in doc[k - 1].text_with_ws:
        return False
    agency = False
    for j in range(i + 1, min(len(doc), i + 10)):
        t = doc[j]
        agency = agency or t.text == "("
        if t.text in _DASHES:
            # a free-standing dash, after a place in capitals or a news agency
            return bool(doc[j - 1].whitespace_ and t.whitespace_) and (tok.is_upper or agency)
        if not (t.is_punct or t.pos_ == "PROPN" or t.is_upper or t.text.endswith(".")):
            return False
    return False


def _after_dateline(tok: "Token", verb: "Token") -> "Token | None":
    """The subject after a dateline: the first name between the dash and the verb."""
    doc = tok.doc
    j = tok.i + 1
    while j < verb.i and doc[j].text not in _DASHES:
        j += 1
    between = doc[j + 1 : verb.i]
    for labels in (("PERSON",), ("ORG", "NORP")):
        for t in between:
            if t.ent_type_ in labels:
                while t.dep_ in ("compound", "flat") and t.head.i > t.i and t.head.i < verb.i:
                    t = t.head
                return t
    return noun_before(verb)


def speaker_phrase(v: "Token") -> "Token | None":
    """The subject of a speech verb, or the noun right before it, or before the verb
    it is the infinitive of ("Kowalski continued to insist", parsed without a subject)."""
    found = subject_of(v) or noun_before(v)
    if found is None and v.dep_ == "xcomp" and v.head.i < v.i:
        found = noun_before(v.head)
    return found


def noun_before(v: "Token") -> "Token | None":
    """The noun right before a verb (skipping auxiliaries, adverbs and a time:
    "X on Tuesday called ...")."""
    i = v.i - 1
    doc = v.doc
    while i >= 0 and (doc[i].pos_ in ("ADV", "AUX", "PART") or doc[i].is_space):
        i -= 1
    k = i
    while k >= 0 and v.i - k <= 6 and (is_time(doc[k]) or (doc[k].pos_ == "DET" and k < i)):
        k -= 1
    if k < i and k >= 0 and doc[k].pos_ == "ADP":
        k -= 1  # "on Tuesday"
    if k < i and k >= 0 and (doc[k].pos_ in ("NOUN", "PROPN", "PRON") or doc[k].text == ","):
        i = k
        v = doc[min(len(doc) - 1, k + 1)]
    if i < 0 or v.i - i > 4:
        return None
    t = doc[i]
    if t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "PRON" and t.lower_ in ("he", "she", "it", "they")):
        return t
    if t.text == ")":
        return _name_before_brackets(t)
    if t.text == ",":
        # "Jay DiPietro, the club's president and general manager, suggested":
        # the name before the appositive
        for j in range(i - 1, max(-1, i - 30), -1):
            u = doc[j]
            if "\n" in u.text or u.text in (".", "!", "?", ";"):
                break
            if u.text == "," and j > 0 and doc[j - 1].ent_type_ in ("PERSON", "ORG"):
                return doc[j - 1]
    return None


def _name_before_brackets(close: "Token") -> "Token | None":
    """The name right before the bracket that ``close`` ends, in the same line."""
    doc = close.doc
    for j in range(close.i - 1, max(-1, close.i - 40), -1):
        u = doc[j]
        if "\n" in u.text or u.text == ")":
            return None
        if u.text == "(":
            if j > 0 and (doc[j - 1].ent_type_ in ("PERSON", "ORG") or doc[j - 1].pos_ == "PROPN"):
                return doc[j - 1]
            return None
    return None


def _has_contracted(verb: "Token") -> bool:
    """ "who's called for ...", "she's said": the parse reads "'s" as "is", a
    passive, where it is "has" before a speech verb's participle."""
    return verb.tag_ == "VBN" and verb.lemma_.lower() in SPEECH_VERBS and any(a.dep_ == "auxpass" and a.lower_ in ("'s", "\u2019s") for a in verb.children)


def _listed_after(verb: "Token") -> "Token | None":
    """ "He pledged A and cast doubt on B, suggested that C": the last of a list of
    predicates, which the parse makes the sentence's root with the first ones as
    what it reports; their subject speaks it too."""
    if verb.dep_ != "ROOT" or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    first = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i
                  and any(g.dep_ == "conj" for g in c.subtree)), None)
    if first is None:
        return None
    return next((c for c in first.children if c.dep_ == "nsubj" and (
        c.ent_type_ == "PERSON" or c.lower_ in ("he", "she", "they"))), None)


#: verbs by which a medium passes on what someone said: "Reuters quoted the minister as saying"
_RELAY_VERBS = frozenset({"quote", "cite"})


def _relay_verb(verb: "Token") -> "Token | None":
    """The "quoted" of "quoted X as saying" when ``verb`` is that "quoted" or that "saying"."""
    if verb.lemma_.lower() in _RELAY_VERBS:
        relay = verb
    elif verb.dep_ in ("pcomp", "advcl") and verb.head.lower_ == "as":
        relay = verb.head.head if verb.head.head.lemma_.lower() in _RELAY_VERBS else verb.head.head.head
        if relay.lemma_.lower() not in _RELAY_VERBS:
            return None
    else:
        return None
    # the "as saying" may hang from the verb or from its object
    for holder in [relay, *(c for c in relay.children if c.dep_ in ("dobj", "nsubjpass"))]:
        for prep in holder.children:
            if prep.lower_ == "as" and any(
                    g.dep_ in ("pcomp", "advcl") and g.lemma_.lower() in SPEECH_VERBS for g in prep.children):
                return relay
    return None


def quoted_as_saying(verb: "Token") -> "Token | None":
    """ "The BBC quoted Ana Ruiz as saying ...", "Ruiz was quoted as saying ...": the
    person quoted speaks; the one who quotes is only the channel (``quoting_medium``)."""
    relay = _relay_verb(verb)
    if relay is None:
        return None
    return next((c for c in relay.children if c.dep_ in ("dobj", "nsubjpass")), None)


def quoting_medium(speaker: "Token") -> "Token | None":
    """Who passed on the words of ``speaker`` when it is the one quoted in "X quoted
    Y as saying": X, or the "by X" of "Y was quoted by X as saying"."""
    if speaker.dep_ not in ("dobj", "nsubjpass") or _relay_verb(speaker.head) is None:
        return None
    relay = speaker.head
    for c in relay.children:
        if c.dep_ == "nsubj" and speaker.dep_ == "dobj":
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None
