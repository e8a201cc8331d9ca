"""Common given names that are (almost) always one gender.

A weak hint, used only when no title or unambiguous pronoun settles a
person's gender.  Names used for both (Alex, Jordan, Kim, Robin ...) are
left out on purpose.
"""

from __future__ import annotations

MALE_NAMES = frozenset(
    """
    aaron abdul abdullah adam adrian ahmed ahmad alan albert alberto alejandro alexander alexei alfred ali
    alistair anders andre andrew andrei andres angelo anthony antonio anton arnold arthur barack
    barry ben benjamin benny bernard bernie bill billy bob bobby boris brad bradley brandon brett brian bruce
    bryan carl carlos cedric chad charles charlie chris christopher chuck clarence claude clint colin conor
    craig curtis dale dan daniel danny darrell darren dave david dean dennis derek diego dmitry dominic
    don donald doug douglas dwight earl ed eddie edgar eduardo edward elijah elliot emmanuel enrique eric
    erik ernest eugene evan felipe fernando francis francisco frank franklin fred frederick gabriel gary
    gavin gene geoffrey george gerald gerhard giuseppe glenn gordon graham greg gregory gustavo guy hamid
    hans harold harry harvey hassan hector henry herbert howard hugh hugo hussein ian igor isaac ivan jack
    jacob jake james jared jason javier jay jeb jeff jeffrey jeremy jerome jerry jesse jesus jim jimmy joe
    joel john johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth
    kevin khalid kurt lance larry lawrence leon leonard lloyd louis luis luke malcolm marco
    marcus mario mark martin marvin matt matthew maurice max michael miguel mike mitch mitchell mohamed
    mohammed muhammad nathan neil nicholas nick nicolas nigel noah norman oleg oliver omar oscar owen pablo
    patrick paul pedro pete peter phil philip pierre rafael ralph randy raul ray raymond reince rex ricardo
    richard rick ricky rob robert roberto rod rodney roger roland ron ronald rudy russell ryan sam samuel
    scott sean sebastian sergei sergey seth shawn sidney stanley stefan stephen steve steven stuart ted
    terry thomas tim timothy todd tom tommy tony travis trevor tyler victor vincent vladimir volodymyr
    walter warren wayne wesley william willie xavier yusuf zachary karim youssef mustafa ibrahim tariq
    rashid hamza bilal samir nabil faisal salman sadiq usman imran nawaz recep emre mehmet kemal jamal
    """.split()
)

FEMALE_NAMES = frozenset(
    """
    abigail ada adriana agnes aisha alejandra alexandra alice alicia alison amanda amber amelia amy ana
    andrea angela angelina anita ann anna anne annette antonia april arianna ashley audrey barbara beatrice
    becky betsy betty beverly brenda bridget brittany camila carla carly carmen carol caroline carolyn
    catherine cathy cecilia charlotte chelsea cheryl christina christine cindy claire clara claudia colleen
    connie cynthia daisy danielle debbie deborah debra denise diana diane dolores donna doris dorothy
    edith eileen elaine eleanor elena elisabeth elizabeth ellen emily emma erica erin esther eva evelyn
    fatima fiona florence frances gabriela gail gina ginger gloria grace gretchen hannah heather heidi helen
    hillary holly hope huma ingrid irene isabel isabella ivanka jacqueline jane janet janice jasmine jean
    jeanne jennifer jenny jessica jill joan joanna joanne jodi josephine joy joyce judith judy julia julie
    june karen karina kate katherine kathleen kathryn kathy katie kayla kellyanne kimberly kristen
    laura lauren leah lily linda lisa lois loretta lori louise lucia lucy lydia lynn madeleine madison
    margaret maria marie marilyn marina marine marion marissa martha mary maureen megan melania melanie
    melissa michele michelle mildred miriam molly monica nancy naomi natalie natasha nicole nikki nina
    nora olga olivia pam pamela patricia paula pauline peggy penny phyllis priscilla rachel rebecca regina
    rita roberta rosa rose rosemary ruth sally samantha sandra sara sarah sharon sheila shirley silvia
    sofia sonia sophia sophie stacy stephanie sue susan suzanne sylvia tamara tammy tanya teresa theresa
    tiffany tina tracy ursula valerie vanessa vera veronica victoria virginia wanda wendy yolanda yvonne
    zoe
    """.split()
)


def gender_of_given_name(word: str) -> str | None:
    w = word.lower().rstrip(".")
    if w in MALE_NAMES:
        return "m"
    if w in FEMALE_NAMES:
        return "f"
    return None
