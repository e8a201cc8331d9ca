"""Verbs and nouns of speech beyond the cue words: what a verb's object,
infinitive or prepositional phrase says ("denied the report", "vowed to block
it", "spoke about the economy"), and which verbs frame a quotation only when
they stand next to one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: speech verbs whose clause may open with a gerund ("said legalizing it could ...")
GERUND_SPEECH = frozenset("say write add argue insist suggest claim note state".split())
#: verbs whose infinitive complement is what was said ("vowed to block it")
XCOMP_SPEECH = frozenset("vow pledge promise threaten urge ask call demand offer refuse propose tell".split())
#: ... and whose object belongs to it ("urged Congress to act", "called on X to resign")
OBJECT_XCOMP = frozenset("urge call".split())
#: verbs whose direct object is what was said ("denied the report", "called it a hoax")
OBJECT_SPEECH = frozenset(
    """
    deny emphasize emphasise recall cite announce propose demand reiterate promise claim acknowledge
    describe question reject criticize criticise praise blame dismiss predict reveal confirm disclose
    mention stress tout dispute call accuse report defend condemn unveil
    outline detail tweet pledge vow label dub characterize characterise say write assert
    """.split()
)
#: nouns whose that-clause is what someone said
SPEECH_NOUNS = frozenset(
    "claim accusation allegation assertion argument point warning suggestion insistence contention"
    " prediction promise pledge charge complaint admission denial statement remark announcement assurance"
    " comment message report".split()
)
#: nouns for things said ("rejected the claims")
CONTENT_NOUNS = frozenset(
    "claim allegation accusation report suggestion notion idea charge criticism assertion statement view argument".split()
)
#: object verbs that need a predicate too ("called it a hoax", not "called a meeting")
NEEDS_PREDICATE = frozenset("call label dub characterize characterise accuse say write".split())
#: verbs that only report speech when they stand next to a quotation
#: ("Clinton cracked, '...'", "the message reads", "Trump implored")
FRAME_VERBS = frozenset(
    """
    crack boom read implore exhort gush snap bark scoff chime quip marvel tease muse concede declare
    interject offer shoot fire laugh smile sigh plead bellow growl thunder cheer chant sing text email
    message caution insist recount recall conclude begin open close start finish react
    """.split()
)
#: verbs that can frame a quoted fragment ("slammed the story as \"faulty\"")
FRAGMENT_VERBS = SPEECH_VERBS | OBJECT_SPEECH | frozenset(
    """
    slam blast deride mock brand refer attack hail decry lambast ridicule label dub characterize
    characterise term nickname insist vow promise pledge swear complain lament warn
    liken portray depict paint cast compare exhort
    """.split()
)
#: verbs whose prepositional object is the topic of speech ("spoke about the economy")
PREP_SPEECH = {
    "speak": ("about", "of", "on"),
    "talk": ("about", "of"),
    "comment": ("on", "about"),
    "complain": ("about", "of"),
    "testify": ("about", "on"),
    "warn": ("of", "about", "against"),
    "boast": ("about", "of"),
    "brag": ("about",),
    "joke": ("about",),
    "call": ("for",),
    "write": ("about", "of"),
    "ask": ("about",),
    "point": ("to",),
}
#: object verbs whose object can be the person addressed ("promised them", "wrote him")
TO_HEARER = frozenset("promise pledge vow report tweet write announce say".split())
#: objects that are hearers, not content ("told reporters", "asked him")
HEARERS = frozenset("reporters journalists me him her them us you audience crowd supporters".split())


def is_hearer(tok: "Token") -> bool:
    return tok.lower_ in HEARERS or (tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and tok.dep_ == "dative")
