"""The Variants view's lists: statements quoted in several articles, and the versions of one.

``VariantsList`` lists clusters (flag, speakers, articles, first words), most
suspicious first; ``VersionsList`` shows one statement's versions, one per
article, with the words that differ from the reference version marked by
style as well as colour: replaced words bold and underlined (the reference's
words before them struck through in ``[-…-]``), added words in reverse video,
dropped words struck through in ``[-…-]`` where they would stand.  Every flag
is a symbol *and* a word.  An accusing flag the finder held back (the
speakers differ, or one version has none, but the attribution is not sure
enough to accuse an outlet) is said in words beside the flags, and a speaker
read with low confidence shows it.  Rows are ``Content`` built from plain
strings: article text is never read as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsview.safe_text import display_safe, one_line
from newsview.variants.model import (
    ALTERED,
    CONFLICTING,
    IDENTICAL,
    SURE,
    TRUNCATED,
    UNATTRIBUTED_ELSEWHERE,
    Change,
    Cluster,
    Member,
)

from .actor_sidebar import first_words

#: each flag as a one-cell symbol, a short word and a style (the symbol and word carry it without colour)
FLAG_MARKS: dict[str, tuple[str, str, str]] = {
    CONFLICTING: ("≠", "conflicting", "bold $text-error"),
    ALTERED: ("~", "altered", "bold $text-warning"),
    TRUNCATED: ("✂", "truncated", "bold $text-accent"),
    UNATTRIBUTED_ELSEWHERE: ("?", "unattributed elsewhere", "bold $text-primary"),
    IDENTICAL: ("=", "identical", "$text-muted"),
}
#: an accusing flag held back, in words: what the speakers show without accusing anyone
UNCONFIRMED_WORDS = {CONFLICTING: "speakers differ", UNATTRIBUTED_ELSEWHERE: "a version without speaker"}
UNSURE_STYLE = "italic $text-muted"
#: changed words in a version, by style and not only by colour
REPLACED_STYLE = "bold underline $text-warning"
ADDED_STYLE = "reverse"
DROPPED_STYLE = "strike $text-error"
DROPPED_OPEN, DROPPED_CLOSE = "[-", "-]"

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def flag_mark(cluster: Cluster) -> tuple[str, str, str]:
    """(symbol, word, style) of a cluster's most suspicious flag."""
    return FLAG_MARKS.get(cluster.flags[0] if cluster.flags else IDENTICAL, FLAG_MARKS[IDENTICAL])


def unconfirmed_note(cluster: Cluster) -> str:
    """'speakers differ (attribution unsure)': the accusing flags held back, in words; '' for none."""
    words = [UNCONFIRMED_WORDS[f] for f in cluster.unconfirmed if f in UNCONFIRMED_WORDS]
    return ", ".join(words) + " (attribution unsure)" if words else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def speakers_of(cluster: Cluster) -> str:
    """The cluster's speakers in the order first met, 'no speaker' for versions without one."""
    names: list[str] = []
    for m in cluster.members:
        name = one_line(m.speaker) if m.speaker else "no speaker"
        if name not in names:
            names.append(name)
    return " / ".join(names)


def article_count(cluster: Cluster) -> int:
    return len({m.doc for m in cluster.members})


def cluster_row(cluster: Cluster, width: int = 78) -> Content:
    """Three lines: flags and article count; speakers; the reference version's first words."""
    symbol, word, style = flag_mark(cluster)
    others = [FLAG_MARKS[f][1] for f in cluster.flags[1:] if f in FLAG_MARKS]
    head: list[tuple[str, str] | str] = [(f"{symbol} {word}", style)]
    if others:
        head.append((" + " + ", ".join(others), "$text-muted"))
    head.append((f" · {_plural(article_count(cluster), 'article')}", "$text-muted"))
    if note := unconfirmed_note(cluster):
        head.append((f" · {note}", UNSURE_STYLE))
    reference = cluster.members[cluster.reference]
    return Content.assemble(
        *head,
        "\n  ", (first_words(speakers_of(cluster), max(8, width - 4)), "bold"),
        "\n  ", ("“" + first_words(reference.text, max(12, width - 6)) + "”", "italic"),
    )


#: the cursor row keeps the flags' and marks' own colours legible: a tint of the background, not a block of colour
CURSOR_CSS = """
{cls}:focus > .option-list--option-highlighted, {cls} > .option-list--option-highlighted {{
    background: $primary 25%;
    color: $foreground;
    text-style: bold;
}}
"""


class VariantsList(OptionList):
    """Clusters, most suspicious first; Enter posts ``OptionSelected`` with the cluster's id as the option id."""

    DEFAULT_CSS = CURSOR_CSS.format(cls="VariantsList")

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next row", id="variants.down", show=False),
        Binding("k,up", "cursor_up", "Previous row", id="variants.up", show=False),
        Binding("g,home", "first", "First row", id="variants.top", show=False),
        Binding("G,end", "last", "Last row", id="variants.bottom", show=False),
        Binding("enter", "select", "Compare the versions", id="variants.open", show=True),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.clusters: tuple[Cluster, ...] = ()
        self.empty_note = "Finding quotes in several articles…"

    def show(self, clusters: tuple[Cluster, ...] | list[Cluster], *, empty_note: str | None = None) -> None:
        """List these clusters, keeping the cursor on the cluster it was on (ids are stable across runs)."""
        if empty_note is not None:
            self.empty_note = empty_note
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clusters = tuple(clusters)
        width = max(20, (self.scrollable_content_region.width or 78) - 1)
        if not self.clusters:
            self.set_options([Option(Content.styled(self.empty_note, "italic $text-muted"), id="empty",
                                     disabled=True)])
            return
        self.set_options(_separated([Option(cluster_row(c, width), id=c.id) for c in self.clusters]))
        self.highlighted = next((i for i, c in enumerate(self.clusters) if c.id == keep), 0)

    def on_resize(self) -> None:
        # rows are cut to the width: build them again for the new one
        if self.clusters:
            self.show(self.clusters)

    def select_cluster(self, cluster_id: str) -> bool:
        try:
            self.highlighted = self.get_option_index(cluster_id)
        except Exception:  # not listed (any more)
            return False
        return True

    @property
    def current_cluster(self) -> Cluster | None:
        option = self.highlighted_option
        return next((c for c in self.clusters if option is not None and c.id == option.id), None)


def _separated(options: list[Option]) -> list[Option | None]:
    """Options with a separator line between each two (separators take no index)."""
    out: list[Option | None] = []
    for option in options:
        if out:
            out.append(None)
        out.append(option)
    return out


# -- one statement's versions ----------------------------------------------------------------


@dataclass(frozen=True)
class Excerpt:
    """A version's words as its article has them: ``text`` starts at offset ``start`` of the article."""

    text: str
    start: int


def excerpt_of(member: Member, article_text: str | None) -> Excerpt | None:
    """The member's stretch of its article (None when article offsets cannot be mapped onto what is shown).

    With the article's text the stretch is cut from it (a quote broken by its
    attribution shows the attribution too); without it, a one-piece version's
    own text maps one to one.
    """
    if article_text is not None and 0 <= member.start <= member.end <= len(article_text):
        return Excerpt(article_text[member.start:member.end], member.start)
    if len(member.text) == member.end - member.start:
        return Excerpt(member.text, member.start)
    return None


def _shown(text: str) -> str:
    """Article text drawn on one line per version: controls and line breaks as spaces (same length)."""
    return display_safe(_CONTROLS.sub(" ", text))


def marked_text(excerpt: Excerpt, changes: tuple[Change, ...]) -> Content:
    """The version's text with its changes against the reference marked (offsets are the article's)."""
    text = _shown(excerpt.text)
    n = len(text)
    # (place in the text, order at that place, kind, change): dropped words go before the words at their place
    events: list[tuple[int, int, str, Change]] = []
    for ch in changes:
        if ch.member_span is not None:
            s, e = ch.member_span[0] - excerpt.start, ch.member_span[1] - excerpt.start
            if 0 <= s <= e <= n:
                if ch.op == "replace" and ch.reference:
                    events.append((s, 0, "dropped", ch))
                events.append((s, 1, "span", ch))
        elif ch.reference:
            at = ch.member_at
            if at is None:  # a change made before the finder said where: cuts are at either end
                at = excerpt.start if ch.op == "cut-start" else excerpt.start + n
            events.append((min(max(at - excerpt.start, 0), n), 0, "dropped", ch))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    parts: list[tuple[str, str] | str] = []
    pos = 0
    for place, _, kind, ch in events:
        if place < pos:
            continue  # overlapping changes: the first one marked wins
        parts.append(text[pos:place])
        pos = place
        if kind == "dropped":
            # the dropped words stand apart from the words around them
            lead = " " if 0 < place and not text[place - 1].isspace() else ""
            trail = " " if place < n and text[place].isalnum() else ""  # no space before punctuation
            dropped = _shown(" ".join(ch.reference.split()))
            parts += [lead, (f"{DROPPED_OPEN}{dropped}{DROPPED_CLOSE}", DROPPED_STYLE), trail]
        else:
            assert ch.member_span is not None
            end = ch.member_span[1] - excerpt.start
            parts.append((text[place:end], REPLACED_STYLE if ch.op == "replace" else ADDED_STYLE))
            pos = end
    parts.append(text[pos:])
    return Content.assemble(*parts)


def change_summary(changes: tuple[Change, ...]) -> Content:
    """The changes in words, for a version whose text cannot be marked in place."""
    parts: list[Content] = []
    for ch in changes:
        ref, mem = one_line(ch.reference), one_line(ch.member)
        if ch.op == "replace":
            parts.append(Content.assemble((f"{DROPPED_OPEN}{ref}{DROPPED_CLOSE}", DROPPED_STYLE), " ",
                                          (mem, REPLACED_STYLE)))
        elif mem:
            parts.append(Content.assemble((mem, ADDED_STYLE), f" ({ch.op})"))
        else:
            parts.append(Content.assemble((f"{DROPPED_OPEN}{ref}{DROPPED_CLOSE}", DROPPED_STYLE), f" ({ch.op})"))
    return Content("; ").join(parts)


def relation_words(cluster: Cluster, index: int) -> tuple[str, str]:
    """How version ``index`` stands to the reference, in words, with a style."""
    if index == cluster.reference:
        return "reference (most words)", "bold"
    diff = next((d for d in cluster.diffs if d.member == index), None)
    if diff is None:
        return "= same words", "$text-muted"
    if ALTERED in diff.relation:
        return "~ altered", FLAG_MARKS[ALTERED][2]
    shorter = "shorter" if diff.longer == "reference" else "longer"
    return f"✂ {shorter}", FLAG_MARKS[TRUNCATED][2]


def version_row(cluster: Cluster, index: int, title: str, article_text: str | None, width: int = 78) -> Content:
    """A version: its article and speaker, how it stands to the reference, then its text, changes marked."""
    member = cluster.members[index]
    relation, relation_style = relation_words(cluster, index)
    speaker = one_line(member.speaker) if member.speaker else "no speaker"
    speaker_style = "bold" if member.speaker else "italic $text-muted"
    head = Content.assemble((f"{index + 1}. ", "bold"),
                            (first_words(title, max(12, width - 4)), "bold"))
    unsure = f" (attribution {member.confidence:.2f})" if member.speaker and member.confidence < SURE else ""
    detail = Content.assemble("   ", (first_words(speaker, max(8, width // 2)), speaker_style), (unsure, UNSURE_STYLE),
                              (" · ", "$text-muted"), (relation, relation_style))
    diff = next((d for d in cluster.diffs if d.member == index), None)
    changes = diff.changes if diff is not None else ()
    excerpt = excerpt_of(member, article_text)
    if excerpt is not None:
        body = Content.assemble("   “", marked_text(excerpt, changes), "”")
        return Content("\n").join([head, detail, body])
    body = Content.assemble("   “", _shown(member.text), "”")
    lines = [head, detail, body]
    if changes:
        lines.append(Content.assemble("   ", change_summary(changes)))
    return Content("\n").join(lines)


def legend() -> Content:
    """What the marks in the versions mean, drawn with their real styles."""
    return Content.assemble(("replaced", REPLACED_STYLE), "  ", ("added", ADDED_STYLE), "  ",
                            (f"{DROPPED_OPEN}dropped{DROPPED_CLOSE}", DROPPED_STYLE), ("  against the reference", "$text-muted"))


class VersionsList(OptionList):
    """One statement's versions, one per article; Enter posts ``OptionSelected`` (option id ``version:N``)."""

    DEFAULT_CSS = CURSOR_CSS.format(cls="VersionsList")

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next version", id="versions.down", show=False),
        Binding("k,up", "cursor_up", "Previous version", id="versions.up", show=False),
        Binding("g,home", "first", "First version", id="versions.top", show=False),
        Binding("G,end", "last", "Last version", id="versions.bottom", show=False),
        Binding("enter", "select", "Open the article at the quote", id="versions.open", show=True),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(self, cluster: Cluster, titles: list[str], texts: list[str | None], *, at: int = 0) -> None:
        """Show ``cluster``'s versions (``titles`` and article ``texts`` per member), the cursor on ``at``."""
        width = max(20, (self.scrollable_content_region.width or 78) - 1)
        self.set_options(_separated([
            Option(version_row(cluster, i, titles[i], texts[i], width), id=f"version:{i}")
            for i in range(len(cluster.members))
        ]))
        self.highlighted = min(max(at, 0), len(cluster.members) - 1)

    @staticmethod
    def index_of(option_id: str | None) -> int | None:
        if option_id and option_id.startswith("version:"):
            return int(option_id.removeprefix("version:"))
        return None
