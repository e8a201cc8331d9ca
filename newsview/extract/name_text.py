"""The text of a name: trimmed, split into words, titles stripped, sanity-checked.

Person names are compared word by word, in lower case, without possessives,
leading titles ("President", "Secretary of State"), initials or suffixes
("Jr."); these helpers make those words from what the text says.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from .actor_words import ACTOR_LABELS, GROUP, UNNAMED
from .cues import TITLE_WORDS

_STRIP = " \t\r\n\u00a0,;:!?\"'`()[]{}<>\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e*_|/\\-\u2013\u2014\u2026"
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$", re.I)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_NAME_WORD = re.compile(r"^[^\W\d_][^\d\[\]{}<>/\\|=@$#*_^~%+?!;:\"\u201c\u201d\u00ab\u00bb\u2015\u2014\u2013&]*$")
#: "Mueller, Stormy": two single words with a comma between them
_LISTED_PAIR = re.compile(r"^[^\W\d_][\w.'\u2019-]*, [^\W\d_][\w.'\u2019-]*$")
#: "Python &", "Python & environment management": a span cut at an ampersand or run into lower case
_CUT_AT_AMPERSAND = re.compile(r"&$|& [a-z]")
#: markup a page escaped, left in its text ("&lt;br/&gt;")
_ESCAPED_MARKUP = re.compile(r"&(?:lt|gt|amp|quot|nbsp);")
#: a bit of program code: an identifier with an underscore, a call's bracket left open
_CODE = re.compile(r"\w_\w|\w\((?!.*\))")
#: what a name may carry after a comma ("Acme, Inc.", "Martin Luther King, Jr." has more words)
_AFTER_COMMA = frozenset("inc ltd llc co corp plc lp jr sr ii iii iv sa ag nv".split())
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
    if _LISTED_PAIR.match(name) and name.split(",")[1].strip().rstrip(".").lower() not in _AFTER_COMMA:
        return False  # "the emoluments clause, Mueller, Stormy, Cohen": two items of a list
    if _CUT_AT_AMPERSAND.search(name) or _ESCAPED_MARKUP.search(name) or _CODE.search(name):
        return False  # "Python & environment management", "MyCorp &", "werden&lt;br/&gt;Bitte", "del_item(id"
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


def core_words(words: Iterable[str]) -> list[str]:
    """The name words that identify a person (no initials, no Jr.)."""
    return [w for w in words if w not in _SUFFIXES and len(w.rstrip(".")) > 1]
