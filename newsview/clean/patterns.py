"""The patterns that tell page boilerplate from article text, and the word lists beside them.

Each pattern is a function (``compiled_on_first_use``, a ``functools.cache``d
compile) that compiles it on its first call: the cleaner is on the way to
the app's first frame, and an article needs only some of the patterns (a
cached reopen none at all).  Call sites write ``share_re().fullmatch(line)``;
the rule tables hold the functions.

Lines are matched whole (see ``boilerplate.is_whole_match``): a pattern
here describes an entire short line, not a piece of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_I = re.IGNORECASE


def compiled_on_first_use(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that compiles ``pattern`` on its first call and returns it, compiled, ever after."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


separator_re = compiled_on_first_use(r"(?:[_\-–—=~*#•·]\s*){3,}|(?:[*•·#~]\s*){3,}")

NAV_PHRASES = {
    "current news", "latest news", "top stories", "breaking news", "news", "home", "menu", "main menu",
    "skip to content", "skip to main content", "skip navigation", "search", "sections", "more",
    "back", "back to top", "top", "next", "previous", "next article", "previous article",
}

nav_symbols_re = compiled_on_first_use(r"[/|>»›<«‹•·\\:\-–—]+")

crumb_separator_re = compiled_on_first_use(r"\s*[>»›]\s*|\s+[/|]\s+")

crumb_re = compiled_on_first_use(r"[\w&'’.-]+(?: [\w&'’.-]+){0,2}")

domain_re = compiled_on_first_use(
    r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|news|info|io|co|us|uk|ca|au|de|fr)",
    _I,
)

KNOWN_SITES = {
    "arcamax", "yahoo news", "msn", "google news", "apple news", "newsbreak", "flipboard", "ground news",
    "reuters", "associated press", "ap news", "afp", "bloomberg", "bbc news", "cnn", "npr", "the guardian",
}

share_re = compiled_on_first_use(
    r"(?:share(?: this(?: article| story| page)?| on \w+| via \w+)?|tweet|email|e-mail|print|save|copy link"
    r"|facebook|twitter|linkedin|whatsapp|reddit|pinterest|flipboard"
    r"|listen(?: to this (?:article|story))?(?:\s*[·•|-]?\s*\d+ min(?:utes?)?)?|\d+ min(?:ute)? read"
    r"|reading time:? \d+ min(?:utes?)?)\W*",
    _I,
)

advert_re = compiled_on_first_use(
    r"(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|continue reading(?: below| the main story)?|article continues (?:below|after advertisement))\W*",
    _I,
)

section_re = compiled_on_first_use(r"(?:published|posted|filed) (?:in|under):? .{1,60}", _I)

comments_re = compiled_on_first_use(
    r"comments?(?:\s*\(\d+\))?:?|\d+\s+comments?|blog comments powered by disqus|comments powered by disqus"
    r"|(?:leave|post|add|view|show|load|read|see) (?:a |the |all |\d+ )?comments?\W*.{0,40}|comments are closed\.?"
    r"|join the (?:conversation|discussion)\W*|disqus",
    _I,
)

#: a copyright notice: starts with ©, "(c) 2025" or "Copyright ©/(c)/2025/by", or reserves all rights
copyright_re = compiled_on_first_use(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|by\b)).{0,300}|.{0,200}\ball rights reserved\b.{0,100}",
    _I,
)

footer_re = compiled_on_first_use(
    r"visit (?:us at )?(?:www\.)?[\w-]+\.[\w.]+\b.{0,100}|distributed by .{1,100}"
    r"|follow (?:us|[\w .]{1,40}) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon|tiktok|youtube)\b.{0,100}"
    r"|follow us\b.{0,60}|sign up (?:for|to) .{1,120}|subscribe (?:to|now|today|for)\b.{0,120}|subscribe"
    r"|(?:related|recommended)(?: articles| stories| coverage| content| reading)?(?::.{0,100})?"
    r"|more (?:from|on|about|stories from) [^.!?]{1,60}|read (?:more|next)\b.{0,100}|tags?: .{1,200}|topics?: .{1,200}"
    r"|filed under:? .{1,100}|click here\b.{0,100}|contact (?:us|the (?:author|reporter|writer|newsroom))\b.{0,100}"
    r"|(?:this|the) (?:story|article) (?:was|has been) (?:updated|corrected)\b.{0,150}",
    _I,
)

middle_re = compiled_on_first_use(
    r"(?:advertisement|story continues below(?: advertisement)?|continue reading(?: below)?"
    r"|share this(?: article| story)?|read more|related(?: articles| stories)?:?|sign up for .{1,40}newsletter.{0,20}"
    r"|follow us on \w+)\W*",
    _I,
)

credit_re = compiled_on_first_use(
    r"\(\s*(?:with assistance from|with reporting by|(?:additional )?reporting by|updates? (?:with|to)|adds|writing by|editing by)"
    r"\b.{1,250}\)"
    r"|(?:additional )?reporting by (?-i:[A-Z]).{0,200}|(?:editing|writing|compiled|contributing) by (?-i:[A-Z]).{0,200}"
    r"|contributing:? (?-i:[A-Z]).{0,200}",
    _I,
)

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:,|at|\||·|•|-|–|—)?\s*\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|\([A-Z]{2,5}\))?)?"
_DATE_BODY = (
    r"(?:" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"|" + _WEEKDAY + r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("month", "month2")
    + r",?\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<slash>\d{1,2}/\d{1,2}/\d{4}))"
)
_DATE_PREFIX = r"(?:(?:published|updated|last updated|posted|first published|date)(?: on)?:?\s*)?"
_TIME_FIRST = r"(?:\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\b)?\s*(?:,|on|\||·|•)?\s*)?"

date_line_re = compiled_on_first_use(_DATE_PREFIX + _TIME_FIRST + _DATE_BODY + _TIME + r"\W*", _I)

date_any_re = compiled_on_first_use(_DATE_BODY, _I)

outlet_words_re = compiled_on_first_use(
    r"\b(?:press|news|reuters|bloomberg|times|post|journal|herald|tribune|guardian|telegraph|bbc|cnn|npr|afp|ap"
    r"|agency|agence|wire|media|magazine|daily|gazette|observer|independent|economist|politico|axios|network"
    r"|radio|television|tv|service|syndicate|publishing|review|chronicle|examiner|inquirer|courier|star)\b",
    _I,
)

role_words_re = compiled_on_first_use(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|bureau|chief|senior|special"
    r"|international|political|national|foreign|business|science|health|analyst|producer|photographer)\b",
    _I,
)

_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|ibn|al|el|ben|st\.?)"
_NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]*"
_NAME = _NAME_WORD + r"(?:\s+(?:" + _NAME_WORD + "|" + _PARTICLES + r")){1,3}"

name_re = compiled_on_first_use(_NAME)

names_split_re = compiled_on_first_use(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")

by_re = compiled_on_first_use(r"(?:by|byline:)\s+(?P<rest>.{3,150})", _I)

bare_byline_re = compiled_on_first_use(
    r"(?P<names>" + _NAME + r"(?:\s+(?:and|&)\s+" + _NAME + r")?)\s*(?:,|\||·|•|—|–|/)\s*"
    r"(?P<rest>[A-Z][\w&.'’ -]{1,60}?)(?:\s+on\b(?P<on>.{0,60}))?",
)

#: "WASHINGTON —", "KYIV, Ukraine —", "LONDON (Reuters) -", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"
dateline_re = compiled_on_first_use(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?)"
    r"(?:,?\s+(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+\d{1,2})?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*)?(?:—|–|―|--|-)\s",
)

#: all-capital words that start a paragraph like a dateline but are labels
NOT_PLACES = {
    "BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE",
    "CORRECTION", "CLARIFICATION", "EDITOR'S NOTE", "EDITOR’S NOTE", "FILE", "PHOTOS", "VIDEO", "NOTE", "FACT CHECK",
    "Q", "A", "NEW", "URGENT", "ALERT", "FLASH",
}

#: simple whole-line rules: (pattern, longest line it may match, reason); a table holds
#: the pattern's function, so that it compiles nothing before its first use
Rules = tuple[tuple[Callable[[], re.Pattern[str]], int, str], ...]
COMMON_RULES: Rules = ((section_re, 80, "section"), (share_re, 60, "share"), (advert_re, 60, "advertisement"))
HEAD_RULES: Rules = COMMON_RULES + ((credit_re, 300, "credit"), (comments_re, 60, "comments"))
TAIL_RULES: Rules = ((footer_re, 300, "footer"),) + COMMON_RULES


# -- blank lines and HTML pages ---------------------------------------------------------

#: a line of whitespace and zero-width characters only
blank_re = compiled_on_first_use(r"[\s\u200b-\u200d\u2060\ufeff]*")

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

#: the start of an HTML page (``article.looks_html``)
html_start_re = compiled_on_first_use(
    # a page, or a fragment of one (as piped from another tool): recognised by its first tag
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6])(?=[\s>/])",
    re.IGNORECASE | re.DOTALL,
)
