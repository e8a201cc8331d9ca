"""Does the text around a quote the engine left without a speaker attribute it all the same?

The accusing flag ``unattributed-elsewhere`` says an outlet printed a
statement with no attribution.  Most quotes the engine leaves without a
speaker and without a cue are not that: the article attributes them in a way
the engine did not resolve: an introduction ending with a colon ('He said:'
closing the paragraph before); a quote that runs on straight after another
quote (the speaker's second quote, or a quote continued after a sidebar); a
speech verb in the quote's own sentence ('..., the minister later told
reporters').  Only the text around the quote is read (``VariantQuote.context``:
some characters on each side), never a parse: the finder has no spaCy.  A
colon alone is no attribution ('Harbour row: "..."'); a label naming the
speaker another version gives is read by the finder (``_Corpus.labelled``).
"""

from __future__ import annotations

import re

from ..extract.cues import ACCORDING, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .model import VariantQuote

#: speech verbs that are common nouns too ("the report", "a question"): only their past form counts
_NOUNS_TOO = frozenset(
    "state post project order charge question object report note answer request estimate forecast "
    "protest quote challenge promise demand comment reply counter blame praise dispute cry snap rail "
    "tout quip joke vow pledge cite publish".split())
_IRREGULAR = frozenset(
    "said says saying told telling wrote written writing spoke spoken speaking swore sworn".split())


def _forms(verb: str) -> set[str]:
    """A speech verb's written forms: 'say' -> says, saying; 'admit' -> admits, admitted, admitting ..."""
    past = {verb + "d"} if verb.endswith("e") else {verb[:-1] + "ied"} if re.search(r"[^aeiou]y$", verb) else {
        verb + "ed", verb + verb[-1] + "ed"}
    if verb in _NOUNS_TOO:
        return past
    third = {verb + "es"} if verb.endswith(("s", "sh", "ch", "x", "z")) else (
        {verb[:-1] + "ies"} if re.search(r"[^aeiou]y$", verb) else {verb + "s"})
    ing = {verb[:-1] + "ing"} if verb.endswith("e") and not verb.endswith("ee") else {verb + "ing", verb + verb[-1] + "ing"}
    return {verb} | past | third | ing


#: every form of a speech verb that marks attribution beside a quote (weak verbs like 'call' and
#: 'point' are left out: 'at one point' is no attribution)
SPEECH_WORDS = frozenset(
    form for verb in SPEECH_VERBS - WEAK_SPEECH_VERBS for form in _forms(verb)) | _IRREGULAR | ACCORDING

_WORD = re.compile(r"[a-z]+")
#: where a sentence ends: a stop (and closing marks) before a space, or a line break
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019\u00bb]*\s|\n")
_OPENING_MARKS = "\"'`\u201c\u201e\u00ab\u2018"
_CLOSING_MARKS = "\"'\u201d\u2019\u00bb"


def _around(q: VariantQuote, before_chars: int) -> tuple[str, str]:
    """The context's text before the quote and after it."""
    before = q.context[:before_chars]
    return before, q.context[before_chars + 1:]


def attribution_nearby(q: VariantQuote, before_chars: int) -> bool:
    """Does the text around a quote attribute it, where the engine found no speaker and no cue?

    ``before_chars`` is how many characters of ``q.context`` stand before the quote.
    """
    before, after = _around(q, before_chars)
    lead = before.rstrip().rstrip(_OPENING_MARKS).rstrip()
    if lead and lead[-1] in _CLOSING_MARKS:
        return True  # running on straight after another quote
    # the quote's own sentence; one a colon introduces is that colon's ('He said:' ending the paragraph
    # before); a colon alone is no attribution ('Harbour row: "..."')
    own = _SENTENCE_END.split(lead if lead.endswith(":") else before)[-1]
    last = q.pieces[-1][1].rstrip().rstrip(_CLOSING_MARKS)
    rest = after.lstrip().lstrip(_CLOSING_MARKS)
    if last.endswith((".", "!", "?")) and rest[:1].isupper():
        rest = ""  # the quote ended its sentence: what follows is another one
    own += " " + _SENTENCE_END.split(rest, maxsplit=1)[0]
    return not SPEECH_WORDS.isdisjoint(_WORD.findall(own.lower()))
