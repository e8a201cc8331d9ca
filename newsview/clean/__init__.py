"""Cleaning an article: strip boilerplate, pull out metadata, keep offsets.

``clean_article`` turns a decoded article into the body text the app shows
and spaCy parses, with:

* ``meta``: title (kept in the text as the first paragraph, ``title_span``),
  byline, publisher, date (ISO when parseable) and dateline (the place);
* ``paragraphs``: spans into the cleaned text, which separates paragraphs
  with exactly one blank line;
* ``removed``: every piece of the source that was taken out, with a reason
  (``control``, ``navigation``, ``publisher``, ``byline``, ``date``,
  ``section``, ``share``, ``advertisement``, ``separator``, ``credit``,
  ``copyright``, ``footer``, ``comments``), its source offsets and its
  (sanitised) text;
* ``offset_map``: runs ``(clean_start, source_start, length)``; every
  character of the cleaned text that is a character of the source lies in a
  run (``source[source_start + k] == text[clean_start + k]``).  Characters
  that were rewritten (tabs expanded, NFC compositions) are not in a run;
  a zero-length run anchors them at the source position they came from.
  The paragraph separators are not in runs either.  ``source_offset`` reads
  the map.

  ``ParsedDocument.to_source`` reads the same runs, but it treats a run's
  end as inclusive, so for a character that starts a run right after a
  deletion inside a paragraph (an escape sequence) it answers with the end
  of the previous run; ``source_offset`` does not.

``clean_head`` cleans only the first part of a long plain-text article
(``is_long``, ``HEAD_CHARS``: ``length``), exactly as the whole clean would.

The rooms: ``patterns`` (the regular expressions and word lists),
``boilerplate`` (what one boilerplate line looks like), ``plain`` (the
passes over a plain-text article), ``html`` (an HTML page reduced to its
text, ``removed`` then lists what the text cleaning removed, not the page
markup), ``offsets`` (segments and the offset map) and ``article`` (the
pieces put together).  Making untrusted text safe for a terminal is
``newsview.safe_text``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .length import HEAD_CHARS, is_long

if TYPE_CHECKING:  # pragma: no cover
    from .article import Cleaned, clean_article, clean_head
    from .offsets import source_offset

#: where the cleaner's names live: imported on first use, so that asking ``is_long``
#: (before a cached article's first frame) does not load the cleaner
_HOME = {"Cleaned": ".article", "clean_article": ".article", "clean_head": ".article", "source_offset": ".offsets"}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)


__all__ = ["HEAD_CHARS", "Cleaned", "clean_article", "clean_head", "is_long", "source_offset"]
