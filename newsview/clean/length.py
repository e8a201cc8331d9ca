"""Is an article long enough to be cleaned a part at a time (and is it a web page)?  Asked before
the first frame, where a cached analysis of an ordinary article needs no cleaning code at all."""

from __future__ import annotations

from .patterns import html_start_re

#: ``clean_head`` cleans this much of a long article (a dozen screens) before its first frame,
#: and only of an article four times as long (a shorter one is cleaned whole in milliseconds)
HEAD_CHARS = 32_768


def is_long(source: str, chars: int = HEAD_CHARS) -> bool:
    """True for an article long enough that ``clean_head`` may show its first part first."""
    return len(source) >= 4 * chars and not looks_html(source)


def looks_html(source: str) -> bool:
    """Does ``source`` start like an HTML page (a doctype or an ``<html>`` tag)?"""
    head = source[:8192]
    if head.lstrip()[:1] != "<":  # plain text: no need to compile the pattern
        return False
    return html_start_re().match(head) is not None
