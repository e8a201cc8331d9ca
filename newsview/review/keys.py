"""How a quote and an actor are known across analyses.

Nothing in a review file names the engine's ids (``q3``, ``a1``): a quote is
keyed by its normalised text and position, an actor by its canonical name and
aliases, so a review still applies after the article is analysed again by
another model or engine version.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from ..model import Actor, Quote

_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2026": "...",
    }
)
_EDGE = " \t\n\"'.,;:!?-()[]"


def normalize_text(text: str) -> str:
    """Text as compared across analyses: case, quote marks, dashes and spacing ironed out."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).casefold()
    return " ".join(text.split()).strip(_EDGE)


def norm_name(name: str) -> str:
    """An actor name as compared across analyses."""
    return normalize_text(name)


def quote_key(quote: Quote) -> dict[str, Any]:
    """How the file names a quote: its normalised text and where it was."""
    return {"text": normalize_text(quote.text), "start": quote.start, "end": quote.end}


def quote_ref(key: dict[str, Any]) -> str:
    """A stable handle for a reviewed quote, the same in every instance."""
    material = f"{key['text']}\0{key['start']}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def actor_key(actor: Actor) -> dict[str, Any]:
    """How the file names an actor: its canonical name and its other names."""
    aliases = sorted({a for a in actor.aliases if norm_name(a) != norm_name(actor.name)})
    return {"name": actor.name, "aliases": aliases}


def names_of(key: dict[str, Any]) -> set[str]:
    """Every normalised name a stored actor reference answers to."""
    return {norm_name(n) for n in (key.get("name", ""), *key.get("aliases", ())) if n}


def new_actor_id(name: str) -> str:
    """The view's id for an actor the reviewer added (or one the engine no longer finds)."""
    return "new:" + norm_name(name)
