"""Quote finding and speaker attribution, construction by construction."""

from __future__ import annotations

import pytest

from newsview.extract import Extraction
from newsview.extract.marks import find_quoted
from factories import extract_text

run = extract_text


def speaker(x: Extraction, quote) -> str | None:
    for a in x.actors:
        if a.id == quote.speaker:
            return a.name
    return None


def only_quote(x: Extraction, kind: str | None = None):
    qs = [q for q in x.quotes if kind is None or q.kind == kind]
    assert len(qs) == 1, [(q.kind, q.text) for q in x.quotes]
    return qs[0]


# --------------------------------------------------------- quotation marks --
@pytest.mark.parametrize(
    "text, expected",
    [
        ("\u201cWe will appeal,\u201d she said.", ["We will appeal,"]),
        ('"We will appeal," she said.', ["We will appeal,"]),
        ("'We will appeal,' she said.", ["We will appeal,"]),
        ("\u2018We will appeal,\u2019 she said.", ["We will appeal,"]),
        ("\u00abNous allons gagner\u00bb, a-t-il dit.", ["Nous allons gagner"]),
        ("\u201eWir gewinnen\u201c, sagte er.", ["Wir gewinnen"]),
        ("``We will appeal,'' she said.", ["We will appeal,"]),
        ("''We will appeal,'' she said.", ["We will appeal,"]),
    ],
)
def test_every_common_mark_style_is_found(text, expected):
    assert [text[p.start : p.end] for p in find_quoted(text)] == expected


def test_apostrophes_are_not_quotes():
    text = "The farmers' union didn't say why the '90s rules still hold, and Ms. Quinn's aides won't either."
    assert find_quoted(text) == []


def test_unclosed_mark_never_swallows_the_rest():
    text = "He called it \u201cnonsense and left.\n\nThe council met again.\n\n\u201cWe agree,\u201d the chair said."
    pieces = [text[p.start : p.end] for p in find_quoted(text)]
    assert pieces == ["We agree,"]


def test_multi_paragraph_quote_is_one_piece_per_paragraph():
    text = "\u201cThe first part of the statement.\n\n\u201cThe second part,\u201d she said."
    pieces = find_quoted(text)
    assert [text[p.start : p.end] for p in pieces] == ["The first part of the statement.", "The second part,"]
    assert pieces[0].continues


# ------------------------------------------------------------ direct quotes --
def test_direct_quote_with_cue_after(nlp):
    text = "\u201cWe will rebuild the bridge by spring,\u201d Mayor Anna Kowalski said on Tuesday."
    x = run(nlp, text)
    q = only_quote(x)
    assert q.kind == "direct"
    assert q.text == "We will rebuild the bridge by spring,"
    assert text[q.start - 1] == "\u201c" and text[q.end] == "\u201d"
    assert speaker(x, q) == "Anna Kowalski"
    assert q.cue == "said"
    assert text[slice(*q.speaker_span)] == "Anna Kowalski"


def test_inverted_said_name(nlp):
    x = run(nlp, "\u201cThe budget is finally balanced,\u201d said Senator Thomas Harlan.")
    assert speaker(x, only_quote(x)) == "Thomas Harlan"


def test_split_quote_is_one_quote_with_two_spans(nlp):
    text = "\u201cWe tried hard,\u201d Thomas Harlan said, \u201cbut the votes were simply not there.\u201d"
    x = run(nlp, text)
    q = only_quote(x)
    assert len(q.spans) == 2
    assert [text[a:b] for a, b in q.spans] == ["We tried hard,", "but the votes were simply not there."]
    assert q.text == "We tried hard, but the votes were simply not there."
    assert speaker(x, q) == "Thomas Harlan"


def test_colon_introduced_quote(nlp):
    x = run(nlp, "Anna Kowalski told the council: \u201cNobody will lose their home this winter.\u201d")
    assert speaker(x, only_quote(x, "direct")) == "Anna Kowalski"


def test_pronoun_speaker_resolved_to_previous_sentence(nlp):
    text = (
        "Mayor Anna Kowalski visited the flooded district on Monday.\n\n"
        "\u201cThis bridge matters to everyone in the valley,\u201d she said."
    )
    x = run(nlp, text)
    q = only_quote(x, "direct")
    assert speaker(x, q) == "Anna Kowalski"
    assert text[slice(*q.speaker_span)] == "she"
    assert q.evidence is not None and q.evidence.chain and "Anna Kowalski" in q.evidence.chain[0]
    named = run(nlp, "\u201cThis bridge matters to everyone in the valley,\u201d Anna Kowalski said.")
    assert q.confidence < only_quote(named, "direct").confidence


def test_pronoun_gender_picks_the_right_person(nlp):
    text = (
        "Mr. Thomas Harlan met Mrs. Ruth Okafor at the depot.\n\n"
        "\u201cThe trains must run on time again,\u201d she said."
    )
    x = run(nlp, text)
    assert speaker(x, only_quote(x, "direct")) == "Ruth Okafor"


def test_quote_without_any_cue_has_no_invented_speaker(nlp):
    x = run(nlp, "The sign on the door read nothing at all.\n\n\u201cNobody knows what happens next in this town.\u201d")
    q = only_quote(x, "direct")
    assert q.speaker is None


# ---------------------------------------------------------- reported speech --
def test_reported_speech_keeps_that_and_drops_the_period(nlp):
    text = "Thomas Harlan said that the fuel tax would rise next year."
    x = run(nlp, text)
    q = only_quote(x)
    assert q.kind == "indirect"
    assert q.text == "that the fuel tax would rise next year"
    assert speaker(x, q) == "Thomas Harlan"


@pytest.mark.parametrize("verb", ["warned", "claimed", "argued", "announced", "insisted"])
def test_reported_speech_verbs(nlp, verb):
    x = run(nlp, f"Ruth Okafor {verb} that the depot would close in March.")
    q = only_quote(x)
    assert q.kind == "indirect" and speaker(x, q) == "Ruth Okafor"


@pytest.mark.parametrize("verb", ["thinks", "hopes", "believes", "wants to know whether"])
def test_beliefs_are_not_speech(nlp, verb):
    x = run(nlp, f"Ruth Okafor {verb} the depot will close in March.")
    assert x.quotes == ()


def test_according_to(nlp):
    text = "The depot will close in March, according to Ruth Okafor, the regional manager."
    x = run(nlp, text)
    q = only_quote(x)
    assert q.kind == "indirect"
    assert q.text == "The depot will close in March"
    assert speaker(x, q) == "Ruth Okafor"
    assert q.cue == "according to"


def test_inverted_reported_speech(nlp):
    x = run(nlp, "The depot will close in March, Ruth Okafor said.")
    q = only_quote(x)
    assert q.text == "The depot will close in March" and speaker(x, q) == "Ruth Okafor"


def test_mixed_quote(nlp):
    text = "Thomas Harlan said the new plan was \u201ca disaster for every farmer in the county.\u201d"
    x = run(nlp, text)
    q = only_quote(x)
    assert q.kind == "mixed"
    assert speaker(x, q) == "Thomas Harlan"
    assert "the new plan" in q.text and "disaster" in q.text


def test_quotes_in_text_order_with_ids(nlp):
    text = (
        "\u201cWe need more buses on the northern routes,\u201d Ruth Okafor said.\n\n"
        "Thomas Harlan said that the money had already been spent."
    )
    x = run(nlp, text)
    assert [q.id for q in x.quotes] == ["q1", "q2"]
    assert [speaker(x, q) for q in x.quotes] == ["Ruth Okafor", "Thomas Harlan"]
    assert x.quotes[0].start < x.quotes[1].start


def test_signed_quote_after_a_dash(nlp):
    x = run(nlp, "Readers wrote in all week.\n\n\u201cThe river will flood the valley again next spring.\u201d \u2015 Maria Lopes\n")
    q = only_quote(x, "direct")
    assert speaker(x, q) == "Maria Lopes"


def test_name_and_colon_before_a_quote(nlp):
    x = run(nlp, "Maria Lopes: \u201cNobody in this town ever listened to the farmers.\u201d")
    assert speaker(x, only_quote(x, "direct")) == "Maria Lopes"


def test_object_of_a_speech_verb_is_what_was_said(nlp):
    x = run(nlp, "Ruth Okafor denied the allegations about the depot on Friday.")
    q = only_quote(x)
    assert q.kind == "indirect" and q.text.startswith("the allegations about the depot")
    assert speaker(x, q) == "Ruth Okafor"


def test_infinitive_keeps_its_object(nlp):
    x = run(nlp, "Ruth Okafor urged the council to reopen the depot.")
    q = only_quote(x)
    assert q.text == "the council to reopen the depot"


def test_scare_quotes_are_not_direct_quotes(nlp):
    x = run(nlp, "The so-called \u201creform\u201d of the depot passed on Tuesday without a vote.")
    assert [q for q in x.quotes if q.kind == "direct"] == []


@pytest.mark.parametrize(
    "text",
    [
        "That said, the depot will stay open until the spring.",
        "It is too soon to say whether the depot will stay open until the spring.",
    ],
)
def test_the_writers_own_voice_is_not_speech(nlp, text):
    x = run(nlp, text)
    assert x.quotes == ()


def test_descriptor_speaker_resolves_to_the_titled_person(nlp):
    text = "President Ivan Petrov arrived in Geneva on Monday.\n\nThe president said that the talks had failed."
    x = run(nlp, text)
    q = only_quote(x)
    assert speaker(x, q) == "Ivan Petrov"
    assert text[slice(*q.speaker_span)] == "The president"
    assert any(m.kind == "descriptor" and (m.start, m.end) == q.speaker_span for m in x.mentions)


def test_unnamed_speakers_are_their_own_actor(nlp):
    x = run(nlp, "Critics said that the depot plan would fail within a year.")
    q = only_quote(x)
    actor = next(a for a in x.actors if a.id == q.speaker)
    assert actor.name == "Critics" and actor.kind == "group"


def test_pronoun_follows_the_previous_speaker(nlp):
    text = (
        "Thomas Harlan met Peter Quill at the depot.\n\n"
        "\u201cWe will keep every job here,\u201d Harlan said.\n\n"
        "\u201cAnd the night shift stays too,\u201d he added."
    )
    x = run(nlp, text)
    assert [speaker(x, q) for q in x.quotes if q.kind == "direct"] == ["Thomas Harlan", "Thomas Harlan"]


def test_parenthetical_attribution_covers_the_sentence(nlp):
    text = "The only problem, Ruth Okafor said, is that the depot closes at six."
    x = run(nlp, text)
    q = only_quote(x)
    assert q.kind == "indirect" and speaker(x, q) == "Ruth Okafor"
    assert q.text.startswith("The only problem") and q.text.endswith("closes at six")


def test_split_direct_quote_is_not_turned_into_reported_speech(nlp):
    text = "\u201cWe tried everything,\u201d Ruth Okafor added, \u201cand the council still said no to the depot.\u201d"
    x = run(nlp, text)
    q = only_quote(x)
    assert q.kind == "direct" and len(q.spans) == 2 and speaker(x, q) == "Ruth Okafor"


def test_the_person_spoken_to_is_not_the_speaker(nlp):
    text = (
        "President Ivan Petrov arrived in Geneva on Monday for the talks.\n\n"
        "Speaking to Anna Kowalski of the BBC, he said, \u201cThe talks will go on until we agree.\u201d"
    )
    x = run(nlp, text)
    assert speaker(x, only_quote(x, "direct")) == "Ivan Petrov"


def test_block_quotation_after_a_colon_line(nlp):
    text = (
        "In her column, Ruth Okafor writes:\n\n"
        "\u201cThe depot has been the heart of this town for a century, and closing it would be a mistake\n\n"
        "The council meets again on Friday."
    )
    x = run(nlp, text)
    q = only_quote(x, "direct")
    assert q.text.endswith("would be a mistake") and speaker(x, q) == "Ruth Okafor"


def test_speaker_named_before_a_long_appositive(nlp):
    text = "Ruth Okafor, the depot's longtime manager and union steward, suggested that the closure was premature."
    x = run(nlp, text)
    assert speaker(x, only_quote(x)) == "Ruth Okafor"


def test_multi_paragraph_quotation_is_one_quote(nlp):
    text = (
        "\u201cThe depot has served this town for a hundred years and it deserves better than this.\n\n"
        "\u201cWe will fight the closure in every court in the land,\u201d Ruth Okafor said."
    )
    x = run(nlp, text)
    q = only_quote(x, "direct")
    assert len(q.spans) == 2 and "\n" not in q.text
    assert speaker(x, q) == "Ruth Okafor"
