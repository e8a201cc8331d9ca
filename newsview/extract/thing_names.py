"""Things the tagger names as organisations or people: products, works, venues, abbreviations.

"Ford's Mustang Mach E SUV", "our Blue Moon lander", "their work Starry
Night", "two TD passes", "BPA-free PET plastic": the small English model tags
a product, an artwork or a common abbreviation as an organisation or a person.
An actor that is not quoted and whose every name mention either is such an
abbreviation, or stands right after a word for a work or a product ("the
album", "the installation", "the new"), or right before one as its modifier
("lander", "sedan", "plastic"), is no actor.  A company's name used once as
a make ("Webb's Ford sedan") goes with it: that sentence speaks of a car.
So do a venue ("Cleveland's Public Auditorium"), a law ("the Hong Kong
Human Rights and Democracy Act"), an honour or a ceremony ("The Public
Award"), a title in quotation marks ("the former “Dawson’s Creek” star"), a
name spelt out before a common abbreviation ("Intensive Care Units (ICUs)"),
a share's ticker ("registered shares (ASCN)"), a "name" of lower-case
words only ("bird fancier"), and a model's name by its shape: "Switch Lite",
"iPad Pro", "the Nintendo Switch", a name holding a widely sold device's
("Apple's AirPods Pro", "Alexa"), or a brand the article lists followed by
words that are no company's ("Apple AirPods" where Apple is listed; "Sony
Pictures" stays).  An accessory or a plan by its last word ("Magic Keyboard",
"the Linksys Velop Mesh Router", "Monoprice Essentials USB", "CBS
All-Access"), a trademark ("Digital Intuition®"), a market index ("Hang Seng
Index", "Shanghai Composite"), a name the tagger cut off before a venue's
last word ("The Cynthia Woods Mitchell Pavilion"), and an abbreviation
spelt out right after a thing's name ("Hang Seng Index (HSI)") are no actors
either, nor are a conference ("RustConf"), an honour named with what it is
for ("the Movie Academy Award for Best Actress") and, on a page that names
at least three of them, programming languages and formats ("Python", "Rust",
"YAML": a developer's page, where the small tagger calls them organisations).
"""

from __future__ import annotations

import functools
import re

from .actor_drops import without_actors
from .actor_words import COMPANY_SUFFIXES, ORG_HEADS
from .extraction import Extraction
from .names import gender_of_given_name

#: abbreviations of things, units and roles that never name an organisation or a person
COMMON_ABBREVIATIONS = frozenset(
    """
    AC AI API AR ATM AWD B2B B2C BMI BPA CEO CFO CI CLI COO CPA CPC CPI CPM CPU CRM CSV CTO CTR DIY DOM DNA ECG EKG ER ERP ESG ETF EV EVs
    FAQ FWD GaN GB GDP GIF GPS GPU HD HDD HDMI HDR HDTV HIV HTML ICT ICU ICUs IoT IPO IPS JPEG JPG JSON KB KPI LCD LED LEDs LTE MMS MPG MPH
    MB MRI MVP NAS NFC NFT OLED OSX PC PCs PDF PET PIN PNG POSIX PPT PTSD QB RAM RBI REIT REPL RGB RNA ROI ROM RRP RTB RWD SaaS SEO SIM
    SMS SSD SUV SUVs TB TD TDs TV UCS UNIX URL USB VAT VPN VR XLS XML
    """.split()
)
#: nouns for works and products that a title or a model name follows ("the album Toulouse Street")
WORK_NOUNS = frozenset(
    """
    album albums song songs track ep film movie documentary series sitcom episode book books novel memoir
    poem painting paintings artwork artworks work installation installations sculpture exhibition musical
    opera game games app apps device phone smartphone laptop tablet console car sedan suv truck vehicle
    lander rocket spacecraft drone camera headphones solution product
    """.split()
)
#: nouns that a product's name stands before as a modifier ("Blue Moon lander", "PET plastic")
PRODUCT_NOUNS = frozenset(
    """
    lander rocket spacecraft capsule car sedan coupe suv truck van pickup hatchback wagon motorcycle bike
    phone smartphone laptop tablet console headphones earbuds speaker camera drone
    app software plastic bottle bottles solution device devices hotel hotels album
    """.split()
)
#: "the new X", "their work X", "its albums X": a word for a work after a determiner, right before the name
_BEFORE = re.compile(
    r"\b(?:the|a|an|their|his|her|its|our|my|your|this|that|new|latest|upcoming|debut)\s+"
    r"(?:([\w-]+)\s+)?([\w-]+)\s+$", re.IGNORECASE)
_AFTER = re.compile(r"^\s+(\w+)")
#: "Intensive Care Units (ICUs)": the name spelt out before its abbreviation
_SPELT_OUT = re.compile(r"^\s*\((\w+)\)")
#: "registered shares (ASCN)", "(NYSE: XYZ)": a ticker symbol
_TICKER = re.compile(r"(?:\b(?:shares|stock|ticker|symbol)\s*\(|\((?:NYSE|NASDAQ|Nasdaq|TSX|LSE|ASX|SIX|OTC)\s*:\s*)$")
#: last words of venues, which are places and no actors ("Bridgestone Arena")
VENUE_HEADS = frozenset(
    "auditorium arena pavilion amphitheatre amphitheater stadium ballpark coliseum colosseum speedway raceway "
    "fairgrounds".split()
)
#: last words of laws, honours and ceremonies, which are no actors either
THING_HEADS = frozenset("act bill treaty accord amendment statute ordinance award prize medal trophy induction".split())
#: names of widely sold devices, systems and assistants, as written; a name holding one is a product's
#: ("Apple's AirPods Pro", "the Nintendo Switch", "Amazon's Alexa"), never a company's
WELL_KNOWN_PRODUCTS = frozenset(
    """
    iPhone iPhones iPad iPads iPod Mac Macs MacBook MacBooks iMac iMacs iTunes AirPods AirPower HomePod HomeKit Siri Alexa Cortana Xbox
    PlayStation PS4 PS5 Kindle Chromecast Android iOS iPadOS macOS watchOS Roomba
    """.split()
)
#: last words of models' names ("Switch Lite", "iPad Pro", "Pixel 4 XL"), as written
MODEL_WORDS = frozenset("Pro Max Plus Mini Ultra Lite XL SE".split())
#: last words of accessories' names ("Magic Keyboard", "Velop Mesh Router"), in lower case
ACCESSORY_HEADS = frozenset(
    """
    keyboard keyboards router routers charger chargers folio adapter adapters cable cables dock docks mouse
    monitor monitors hub hubs headset headsets earbuds soundbar stylus
    """.split()
)
#: last words of models' names that are a port or a panel ("Monoprice Essentials USB")
TECH_LAST = frozenset("USB USB-C HDMI SSD HDD LED OLED LCD NFC".split())
#: last words of a service's plan ("CBS All-Access", "Amazon Music Unlimited")
PLAN_WORDS = frozenset("Unlimited All-Access Premium".split())
#: "RustConf", "PyCon Asia", "WordCamps": a conference or a festival by its name's first word
_CONFERENCE = re.compile(r"^[A-Z][A-Za-z]+(?:Conf|Con|Fest|Camp)s?$")
#: "Node.js", "Dockerfile", "Pipfile": a program library or a build file by its name's shape
_SOFTWARE_FILE = re.compile(r"^[A-Z][a-z]+(?:file|\.js)$")
#: "the Africa Movie Academy Award for Best Actress": an honour named with what it is for
_HONOUR_FOR = re.compile(r"\b(?:Award|Awards|Prize|Medal|Trophy) (?:for|of|in)\b")
#: how many different programming languages and formats among a page's actors make it a developer's page
DEVELOPER_PAGE_NAMES = 3
#: last words of market indexes ("Hang Seng Index", "Shanghai Composite"), in lower case
INDEX_HEADS = frozenset("index composite".split())
#: words after a brand that make a company or a branch of one, not a product ("Sony Pictures")
COMPANY_WORDS = frozenset(
    """
    airline airlines airways electronics pictures entertainment motor motors energy capital media
    securities equities partners ventures labs research health healthcare pharma pharmaceuticals systems
    technologies financial insurance beauty foods brands stores retail news press publishing books records music north south east west
    america americas europe asia africa international global usa uk us india china japan germany france
    """.split()
)
_OPENING_MARKS = "\"“‘'"
_CLOSING_MARKS = "\"”’'"


def _thing_mention(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` is an abbreviation of a thing, or a work's or a product's name by its neighbours."""
    name = text[start:end]
    after = _AFTER.match(text[end : end + 30])
    if after is not None and after.group(1).istitle() and after.group(1).lower() in VENUE_HEADS:
        return True  # "The Cynthia Woods Mitchell Pavilion": the tagger stopped before the venue's last word
    if name in COMMON_ABBREVIATIONS or re.fullmatch(r"[a-z]+(?: [a-z]+)+", name) \
            or name.split()[-1].lower() in VENUE_HEADS | THING_HEADS \
            or _TICKER.search(text[max(0, start - 20) : start]):
        return True
    if start > 0 and text[start - 1] in _OPENING_MARKS and text[end : end + 1] in _CLOSING_MARKS \
            and text[start - 1 : end + 1].count(" ") < 6:
        return True  # “Dawson’s Creek”: a title, not a speaker
    spelt_out = _SPELT_OUT.match(text[end : end + 12])
    if spelt_out and spelt_out.group(1) in COMMON_ABBREVIATIONS:
        return True
    if gender_of_given_name(name.split()[0]):
        return False  # "the new coach Ana Ruiz": a person's name stays a person's
    before = _BEFORE.search(text[max(0, start - 40) : start])
    if before and (before.group(2) == "new" or before.group(2).lower() in WORK_NOUNS):
        return True
    return after is not None and after.group(1).lower() in PRODUCT_NOUNS


def product_name(name: str, brands: set[str]) -> bool:
    """A model's name: "Switch Lite", "iPad Pro", "the Nintendo Switch", a name holding a widely sold
    device's ("Apple's AirPods Pro", "Alexa"), or a brand the article lists followed by words that are no
    company's ("Apple AirPods", "Amazon Music Unlimited"; not "Apple Retail", "Sony Pictures")."""
    words = name.split()
    if any(re.sub(r"['’]s$", "", w) in WELL_KNOWN_PRODUCTS for w in words) and not gender_of_given_name(words[0]):
        return True
    if len(words) < 2 or gender_of_given_name(words[0]):
        return False
    if words[-1] in MODEL_WORDS or (words[0] == "Nintendo" and words[-1] == "Switch"):
        return True
    rest = [w.lower().strip(".,") for w in words[1:]]
    if words[0] not in brands or any(w in ("and", "of", "&", "for") for w in rest):
        return False  # "Customs and Border Protection"
    return not any(w in ORG_HEADS or w in COMPANY_SUFFIXES or w in COMPANY_WORDS for w in rest)


def thing_by_name(name: str) -> bool:
    """An accessory, a plan, a trademark or a market index by the name alone ("Magic Keyboard",
    "CBS All-Access", "Digital Intuition®", "Hang Seng Index", "Shanghai Composite (SHCOMP")."""
    words = re.sub(r"\s*\(.*$", "", name).split()
    if not words or gender_of_given_name(words[0]):
        return False
    if "®" in name or "™" in name or _CONFERENCE.match(words[0]) or _HONOUR_FOR.search(name) \
            or (len(words) == 1 and _SOFTWARE_FILE.match(name)):
        return True
    last = words[-1]
    if len(words) >= 2 and (last.lower() in ACCESSORY_HEADS or last in TECH_LAST or last in PLAN_WORDS):
        return True
    return len(words) >= 2 and last.lower() in INDEX_HEADS


@functools.cache
def programming_names() -> frozenset[str]:
    """Names of programming languages and file formats ("Python", "Rust", "YAML", "TOML"), as
    Pygments (a dependency of Rich) knows them; empty without it."""
    try:
        from pygments.lexers import get_all_lexers
    except ImportError:  # pragma: no cover - Rich brings Pygments
        return frozenset()
    return frozenset(name for name, *_rest in get_all_lexers(plugins=False) if " " not in name)


def _spelt_out_before(text: str, start: int, ends: set[int]) -> bool:
    """The name at ``start`` is in brackets right after a name that ends at one of ``ends`` ("Index (HSI)")."""
    before = text[max(0, start - 3) : start]
    return before.endswith("(") and (start - 1 in ends or start - 2 in ends)


def drop_thing_names(text: str, found: Extraction) -> Extraction:
    """``found`` without the unquoted actors that every mention shows to be a thing."""
    names = {(m.start, m.end) for m in found.mentions if m.kind == "name"}
    brands = {a.name for a in found.actors if a.family == "org" and " " not in a.name}
    dropped: set[str] = set()
    for actor in found.actors:
        if actor.quotes or actor.family not in ("person", "org"):
            continue
        if product_name(actor.name, brands) or thing_by_name(actor.name):
            dropped.add(actor.id)
            continue
        own = [(s, e) for s, e in actor.mentions if (s, e) in names]
        if own and all(_thing_mention(text, s, e) for s, e in own):
            dropped.add(actor.id)
    # on a developer's page, "Python", "Rust" and "YAML" are languages and formats, not actors
    # (a given name stays a person's: "Ruby", "Julia")
    languages = {a.id for a in found.actors if not a.quotes and a.family in ("person", "org")
                 and a.name in programming_names() and not gender_of_given_name(a.name)}
    if len({a.name for a in found.actors if a.id in languages}) >= DEVELOPER_PAGE_NAMES:
        dropped |= languages
        # "Mercurial's Python", "Mercurial on Python": a program with the language it runs on
        dropped |= {a.id for a in found.actors if not a.quotes and a.family in ("person", "org")
                    and len(a.name.split()) > 1 and a.name.split()[-1] in programming_names()}
    # "Hang Seng Index (HSI)": the abbreviation of a thing's name is a thing's too
    ends = {e for a in found.actors if a.id in dropped for _s, e in a.mentions}
    for actor in found.actors:
        if actor.id in dropped or actor.quotes or actor.family not in ("person", "org"):
            continue
        if actor.mentions and all(_spelt_out_before(text, s, ends) for s, _e in actor.mentions):
            dropped.add(actor.id)
    return without_actors(found, dropped)
