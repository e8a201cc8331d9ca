"""Reports carried by a noun: "Ana Ruiz's claim that the toll is unfair",
"Okafor made the point that the ferry was late", "her pledge to cut the toll".

Only a noun of saying with a that-clause of its own (or a noun of promising
with its infinitive) counts, and only when the
text says whose words they are: a possessor ("Ruiz's claim"), or the subject of
a light verb the noun is the object of ("Okafor made the point", "she repeated
her warning").  "The claim that the toll is unfair" names no one and stays out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quote_frames import Found, token_span, trim_quote
from .speech_verbs import SPEECH_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: nouns whose to-infinitive is what someone said they would do ("her pledge to ...")
TO_NOUNS = frozenset("promise pledge vow threat".split())
#: verbs that only carry a speech noun ("made the point", "repeated her claim")
LIGHT_VERBS = frozenset("make repeat reiterate renew press voice issue offer stand".split())
RULE = "reported-speech-noun"


def noun_reports(doc: "Doc", text: str, in_quote) -> list[Found]:
    """The reports a document's speech nouns carry, with the phrase naming their speaker."""
    out: list[Found] = []
    for tok in doc:
        if tok.lemma_.lower() not in SPEECH_NOUNS or tok.pos_ != "NOUN" or in_quote(tok.idx) is not None:
            continue
        clause = _that_clause(tok) or _to_clause(tok)
        if clause is None:
            continue
        speaker = _owner(tok)
        if speaker is None:
            continue
        first = clause.left_edge
        s, e = trim_quote(text, first.idx, clause.right_edge.idx + len(clause.right_edge))
        if "\n" in text[s:e]:
            e = text.index("\n", s, e)
        if e - s < 10:
            continue
        out.append(Found([(s, e)], "indirect", speaker, cue=token_span(tok), rule=RULE))
    return out


def _that_clause(noun: "Token") -> "Token | None":
    """The clause with "that" and a subject of its own right after the noun."""
    for c in noun.rights:
        if c.dep_ in ("acl", "ccomp", "relcl", "appos") and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ == "mark" and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children) and any(
                g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children) and c.left_edge.i == noun.i + 1:
            return c
    return None


def _to_clause(noun: "Token") -> "Token | None":
    """ "her promise to cut the toll": the infinitive after a noun of promising."""
    if noun.lemma_.lower() not in TO_NOUNS:
        return None
    for c in noun.rights:
        if c.dep_ == "acl" and c.tag_ == "VB" and c.left_edge.i == noun.i + 1 and c.left_edge.lower_ == "to":
            return c
    return None


def _owner(noun: "Token") -> "Token | None":
    """Whose words: the noun's possessor, or the subject of the light verb that has it as object."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return None if poss.lower_ in ("its",) else poss
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in LIGHT_VERBS:
        return next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
    return None
