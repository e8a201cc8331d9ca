"""Word lists: speech cues, titles, pronouns, descriptors."""

from __future__ import annotations

#: Verbs (lemmas) that report speech or writing.  Beliefs and perceptions
#: (think, believe, hope, want, feel, know, expect, show) are deliberately absent.
SPEECH_VERBS = frozenset(
    """
    say tell add warn deny claim announce argue urge write note explain insist state declare
    report acknowledge admit suggest predict promise vow pledge ask answer reply respond confirm
    reveal recall complain emphasize emphasise stress describe accuse charge contend assert
    maintain concede tweet post testify observe remark comment conclude mention joke quip boast
    brag lament caution threaten demand propose recommend estimate speculate counter retort shout
    yell whisper scream exclaim reiterate repeat allege indicate hint disclose inform assure
    question complain criticize criticise praise blame dismiss reject
    advise order instruct request plead beg implore challenge proclaim affirm reaffirm
    acknowledged clarify elaborate recount describe characterize characterise label dub call
    continue begin start told mutter murmur muse sigh cry chant thunder rail scoff snap tout
    trumpet rebut refute dispute protest object pledge swear guarantee project forecast
    predict estimate calculate warn notify announce publish cite quote summarize summarise
    highlight underscore underline point signal remind
    """.split()
)
#: Verbs that only count as speech cues with a clausal complement, never as
#: a cue for a quote standing next to them ("started", "began", "continued").
WEAK_SPEECH_VERBS = frozenset("continue begin start point signal call label dub characterize characterise describe".split())
#: Verbs that introduce a quotation after a colon or next to it
INTRO_VERBS = SPEECH_VERBS | frozenset("read go put".split())

#: Cues that are never speech: excluded even when a parse links them to a quote
BELIEF_VERBS = frozenset("think believe hope want feel know expect show wish fear suspect doubt assume imagine guess".split())

#: Phrases "according to X"
ACCORDING = frozenset({"according"})

#: Words that may stand before a name as a title (lower-case).  Multi-word
#: titles are stripped word by word, so "Secretary of State" is covered by
#: "secretary", "of" and "state" at the front of a name.
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. sen sen. senator rep rep. representative gov gov. governor
    president pres pres. vice gen gen. general lt lt. col col. sgt sgt. prof prof. professor rev rev.
    sir dame lord lady former secretary minister prime judge justice mayor chancellor king queen crown
    prince princess pope sheikh ambassador envoy spokesman spokeswoman spokesperson adviser advisor
    chief chairman chairwoman chair ceo director leader candidate nominee speaker commissioner
    attorney sheriff officer detective captain capt capt. admiral adm adm. major maj maj. colonel
    sergeant lieutenant corporal premier deputy assistant acting u.s. us u.k. uk state of the
    kremlin white house foreign defense defence interior finance treasury labor labour health
    french russian ukrainian american british german chinese israeli iranian republican democratic
    democrat gop senate house congressman congresswoman councilman councilwoman councillor
    presidential first lady pastor father bishop cardinal rabbi imam saint st st. coach mp mep
    executive founder co-founder owner economist analyst professor author writer reporter editor
    majority minority whip incoming outgoing
    archbishop monsignor monseñor monsenor msgr msgr. reverend
    """.split()
)
#: Titles that tell the gender
MALE_TITLES = frozenset("mr mr. sir lord king prince father congressman councilman chairman spokesman".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess congresswoman councilwoman chairwoman spokeswoman".split())

MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
NEUTER_PRONOUNS = frozenset("it its itself".split())
PERSONAL_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
SUBJECT_PRONOUNS = frozenset("he she they it".split())
#: first/second person: the speaker is inside the quote, never an antecedent
FIRST_PERSON = frozenset("i me my we us our you your".split())

#: Kinship / role nouns that tell the gender of the person they describe
MALE_NOUNS = frozenset("man men boy father son husband brother uncle nephew grandfather king prince".split())
FEMALE_NOUNS = frozenset("woman women girl mother daughter wife sister aunt niece grandmother queen princess".split())

#: Heads of descriptor noun phrases that can stand for a person ("the Russian leader")
PERSON_NOUNS = frozenset(
    """
    leader president minister senator governor spokesman spokeswoman spokesperson official
    candidate nominee envoy secretary chairman chairwoman chief director diplomat ambassador
    mayor premier chancellor king queen prince general commander lawmaker congressman
    congresswoman representative businessman billionaire mogul founder executive ceo rival
    opponent frontrunner front-runner incumbent challenger host star actor actress singer
    father mother wife husband son daughter man woman
    """.split()
)

#: Titles that only people carry
PERSON_TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative gov gov. governor president
    secretary minister prime judge justice mayor chancellor king queen prince princess pope ambassador
    envoy spokesman spokeswoman spokesperson adviser advisor chairman chairwoman ceo director leader
    candidate nominee congressman congresswoman sheriff officer general
    """.split()
)
