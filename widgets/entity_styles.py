"""How the reading pane and the legend draw entities, quotes and matches.

Styles are data: Textual style strings whose colours come from the theme
(``$nv-*`` variables), so one table serves the pane, the sidebar and the help
screen's legend.
"""

from __future__ import annotations

#: Text style of each entity family.  Colour comes from the theme; the text
#: style alone already tells the families apart (for monochrome and NO_COLOR).
FAMILY_STYLE = {
    "person": "bold $nv-person",
    "org": "bold underline $nv-org",
    "place": "underline $nv-place",
    "date": "italic $nv-date",
    "other": "italic underline $nv-other",
}
FAMILY_LABEL = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date/time",
    "other": "other",
}
SELECTED_MENTION_STYLE = "bold reverse"
SELECTED_QUOTE_STYLE = "$nv-quote-text on $nv-selected"
MATCH_STYLE = "$nv-match-text on $nv-match"
CURRENT_STYLE = "bold underline $nv-match-text on $nv-match-current"
TITLE_STYLE = "bold"
META_STYLE = "italic"


def quote_style(tint: int | None) -> str:
    """The tint of a quote whose speaker has tint number ``tint`` (None: unattributed)."""
    bg = "$nv-quote-none" if tint is None else f"$nv-quote-{tint}"
    return f"$nv-quote-text on {bg}"
