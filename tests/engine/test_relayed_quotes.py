"""A medium passing on someone's words ("The BBC quoted Ana Ruiz as saying"): the
words are the person's, the medium shows in the evidence; a paraphrase after the
verb ("... as saying that ...") stays the medium's wording. Invented texts."""

from __future__ import annotations

from factories import extract_text, quote_with, who

run = extract_text


def test_a_web_site_quoting_a_person_gives_the_direct_quote_to_the_person(nlp):
    text = (
        "Protesters gathered outside the harbour office on Monday.\n\n"
        "The Harbour Watch web site quotes Elizabeth Nadeau as saying \"the police came without warning\"."
    )
    x = run(nlp, text)
    assert who(x, "came without warning") == "Elizabeth Nadeau"
    assert any("quoted by The Harbour Watch web site" in step
               for step in quote_with(x, "came without warning").evidence.chain)


def test_an_agency_quoting_a_persons_own_words_gives_them_to_the_person(nlp):
    text = (
        "The ferry strike entered its third day. Reuters quoted Marc Dubois, a union organiser, as saying "
        "\"the talks will resume on Friday, and we will be there.\""
    )
    x = run(nlp, text)
    assert who(x, "talks will resume") == "Marc Dubois"
    assert "quoted by Reuters" in quote_with(x, "talks will resume").evidence.chain


def test_an_agency_paraphrasing_a_person_after_the_verb_keeps_the_paraphrase(nlp):
    # the wording of "as saying that ..." is the agency's: news annotation gives it the agency
    text = "The ferry strike entered its third day. Reuters quoted Marc Dubois as saying that the talks would resume on Friday."
    x = run(nlp, text)
    assert who(x, "talks would resume") == "Reuters"


def test_a_broadcaster_quoting_a_person_after_the_words_gives_them_to_the_person(nlp):
    text = "Floods hit the valley on Monday. Rescue crews worked through the night, the BBC quoted Ana Ruiz as saying."
    x = run(nlp, text)
    assert who(x, "worked through the night") == "Ana Ruiz"
    assert "quoted by the BBC" in quote_with(x, "worked through the night").evidence.chain


def test_a_person_quoted_in_the_passive_speaks_the_words(nlp):
    text = "The mill closed in May. Its owner, Ines Walcott, was quoted as saying that the workers had been paid."
    x = run(nlp, text)
    assert who(x, "workers had been paid") == "Ines Walcott"


def test_a_medium_that_says_something_itself_still_speaks(nlp):
    text = "Reuters reported that the talks would resume on Friday."
    x = run(nlp, text)
    assert who(x, "talks would resume") == "Reuters"
