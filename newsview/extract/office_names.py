"""Offices the tagger takes for bodies: a title and the portfolio inside one.

"National Security Advisor Condoleezza Rice", "replaced Reid as the Senate
Minority Whip": a name ending with an office's word, met only right before
its holder's name or after "as", is the office, no body.  "Director of Air
Force Communications Bill Bodie", "Minister of Agriculture & Co-Operatives",
"Assistant to the President for National Security Affairs": a name met only
after "<title> of" or "<title> for" whose last word is a government field is
the office's portfolio.  Quoted names are kept: whoever the text gives words
to is someone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actor_clusters import Cluster, ClusterStore, NameMention
from .cues import TITLE_WORDS
from .names import gender_of_given_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

#: last words that make a name a person's office ("Senate Minority Whip", "National Security Advisor");
#: not "leader", which ends newspapers' names ("Argus Leader")
OFFICE_TAILS = frozenset(
    "adviser advisor secretary minister spokesman spokeswoman spokesperson whip chairman chairwoman "
    "director commissioner ambassador".split()
)
#: fields a government office is for ("Minister of Foreign Affairs", "Director of Air Force Communications")
PORTFOLIO_FIELDS = frozenset(
    """
    affairs communications communication agriculture co-operatives cooperatives security defense defence
    health education energy transportation transport commerce labor labour interior treasury finance
    justice trade industry environment tourism culture sport sports fisheries forestry housing planning
    acquisition intelligence operations logistics welfare immigration information
    """.split()
)
#: titles a portfolio follows ("Director of", "Assistant to the President for")
_PORTFOLIO_HOLDERS = frozenset(
    "secretary minister director president chairman chairwoman chair commissioner head chief assistant "
    "undersecretary under-secretary deputy adviser advisor".split()
)


class OfficeNameFilter(ClusterStore):
    """Finds names that are an office or an office's portfolio."""

    def office_name(self, c: Cluster, mentions: list[NameMention]) -> str | None:
        """ "title" or "portfolio" when every mention shows the name is an office's, or None."""
        words = [w for w in c.words if w != "the"]
        if not mentions or not words:
            return None
        if words[-1] in OFFICE_TAILS and all(self._before_holder(m) or self._after_as(m) for m in mentions):
            return "title"  # "National Security Advisor Condoleezza Rice", "as the Senate Minority Whip"
        if words[-1] in PORTFOLIO_FIELDS and all(self._after_holder_title(m) for m in mentions):
            return "portfolio"  # "Director of Air Force Communications", "President for National Security Affairs"
        return None


    def _before_holder(self, m: NameMention) -> bool:
        """A person's name follows the mention, maybe after a short title ("Advisor Dr. Condoleezza Rice")."""
        span = self.mention_span(m)
        if span is None:
            return False
        i = span.end
        while i < len(self.tokens) and self.tokens[i].lower_ in TITLE_WORDS and self.tokens[i].text[:1].isupper():
            i += 1
        if i + 1 >= len(self.tokens):
            return False
        first, second = self.tokens[i], self.tokens[i + 1]
        if not (first.is_title and second.is_title):
            return False
        return first.ent_type_ == "PERSON" or bool(gender_of_given_name(first.text))

    def _after_as(self, m: NameMention) -> bool:
        """ "as (the) <office>": the office someone holds, named as a predicate."""
        span = self.mention_span(m)
        if span is None:
            return False
        k = self._before_article(span)
        return k >= 0 and self.tokens[k].lower_ == "as"

    def _after_holder_title(self, m: NameMention) -> bool:
        """ "<title> of" or "<title> for" before the mention ("Director of", "President for")."""
        span = self.mention_span(m)
        if span is None:
            return False
        if len(span) > 2 and span[0].lower_ in _PORTFOLIO_HOLDERS and span[1].lower_ in ("of", "for"):
            return True  # the tagger's span took the title in: "Minister of Agriculture & Co-Operatives"
        k = self._before_article(span)
        return k >= 1 and self.tokens[k].lower_ in ("of", "for") and self.tokens[k - 1].lower_ in _PORTFOLIO_HOLDERS

    def _before_article(self, span: "Span") -> int:
        """The index of the token before the mention, past a "the" the span left out."""
        k = span.start - 1
        if k >= 0 and self.tokens[k].lower_ == "the" and span[0].lower_ != "the":
            k -= 1
        return k
