"""Words that tell what kind of actor a name is, or that it is none.

The tagger's PERSON, ORG and GPE labels are often wrong on news text; these
lists are the evidence the actor index weighs against them: the last word of a
name ("European Council"), the noun before it ("the daily Kathimerini"), a
word for a person in apposition ("Maryam Violet, an Iranian journalist").
"""

from __future__ import annotations

from .cues import FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
#: kinds of actors the text does not name: one person ("an official who spoke on
#: condition of anonymity") or several ("people familiar with the matter")
UNNAMED = "unnamed"
GROUP = "group"
#: labels whose actors are kept only when they are quoted
SPEAKING_ONLY = ("GPE", "NORP")
#: Last words that make a name an organisation, whatever the tagger says
#: ("Civic Platform", "European Council", "Justice Department")
ORG_HEADS = frozenset(
    """
    platform council party committee commission union ministry department agency office bureau
    court parliament assembly congress senate government administration authority institute
    foundation association federation league alliance coalition movement front group company
    corporation corp inc ltd llc bank university college school hospital church network
    campaign organization organisation service services board police army navy forces
    studio studios records band orchestra club team hall center centre museum
    """.split()
)
#: Last words that only say a name is a company ("Salling Group", "Acme Holdings")
COMPANY_SUFFIXES = frozenset("group holdings inc corp corporation company co ltd llc plc ag sa gmbh a/s".split())
#: Time zones the tagger may take for organisations ("(0100 UTC)")
TIME_ZONES = frozenset("utc gmt est edt cst cdt mst mdt pst pdt cet cest eet eest bst ist jst kst aest aedt msk".split())
#: Words that make a name a storm's ("Hurricane Humberto", "Typhoon Hagibis")
STORM_WORDS = frozenset("hurricane typhoon cyclone storm".split())
#: Nouns for facilities a name may modify ("Mysore Junction railway station", "the Khurais oil field")
#: Last words of names of events ("International Women's Day", "World Athletics Championships")
EVENT_HEADS = frozenset("day week festival fest championship championships olympics tournament marathon awards ceremony".split())
FACILITY_NOUNS = frozenset("station airport airfield field junction reservation range terminal refinery plant mine".split())
#: Nouns before a name that make it a news outlet
MEDIA_NOUNS = frozenset(
    """
    daily newspaper paper broadcaster agency outlet magazine website site channel network station tabloid weekly
    company firm corporation startup maker manufacturer retailer carrier publisher distributor developer
    """.split()
)
#: Last words of place names the tagger may call people
PLACE_HEADS = frozenset("avenue street road boulevard lane square bridge park falls river lake mountain".split())
#: First words of place names the tagger may call people ("Ciudad Juárez", "Fort Worth")
PLACE_FIRST = frozenset("ciudad fort mount port puerto porto cape lake san santa sao são nueva nuevo villa".split())
#: Nouns for places ("cities like Kharkiv", "the island Crete")
PLACE_NOUNS = frozenset("city town village region province state country island capital port area district county".split())
#: Last words of names of products and projects ("Rocky Linux")
PRODUCT_HEADS = frozenset("linux os windows project pipeline software app browser".split())
#: Nouns that, in apposition, say a name belongs to a person ("Maryam Violet,
#: an Iranian journalist"; "his wife, Melania")
ROLE_NOUNS = PERSON_NOUNS | MALE_NOUNS | FEMALE_NOUNS | frozenset(
    """
    journalist reporter writer author editor student teacher professor lawyer attorney doctor nurse
    analyst strategist activist worker resident voter supporter friend aide adviser advisor
    manager owner pastor historian economist scientist researcher partner employee veteran
    officer witness victim survivor neighbor neighbour farmer artist musician drummer photographer
    organizer organiser consultant pollster blogger commentator columnist lawmaker politician
    broadcaster presenter designer producer musician singer guitarist bassist chef host comedian
    engineer expert scholar academic diplomat prosecutor judge mayor
    archbishop bishop cardinal priest rabbi imam cleric
    """.split()
)
