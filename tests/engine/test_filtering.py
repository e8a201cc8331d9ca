"""The filter language: parsing queries and what they keep in a document."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from newsview.filtering import (
    FilterState,
    ReviewTerms,
    apply,
    merge_spans,
    next_span,
    parse_query,
    quote_tints,
    rank_actors,
)

from factories import analysed_document, span


@pytest.fixture(scope="module")
def doc():
    return analysed_document()


def test_empty_query_keeps_everything(doc):
    state = parse_query("   ")
    assert not state.active
    result = apply(doc, state)
    assert result.keeps_actor("a4") and result.keeps_quote("q6")
    assert result.spans == ()


def test_parse_fields_and_words():
    state = parse_query('costa speaker:Reyes @Tusk type:person TYPE:org kind:direct unattributed "sea wall"')
    assert state.words == ("costa", "sea wall")
    assert state.speakers == ("reyes", "tusk")
    assert state.types == ("person", "org")
    assert state.kinds == ("direct",)
    assert state.unattributed
    assert state.invalid == ()


def test_parse_reports_bad_terms_and_keeps_going():
    state = parse_query("type:banana kind:shouted speaker: costa")
    assert state.invalid == ("type:banana", "kind:shouted", "speaker:")
    assert state.words == ("costa",)


def test_quoted_speaker_name():
    assert parse_query('speaker:"Ana Costa"').speakers == ("ana costa",)


def test_equal_queries_give_equal_states():
    assert parse_query("Costa  type:person") == parse_query("costa type:PERSON")
    assert parse_query("costa") != parse_query("reyes")


def test_word_matches_actor_names_quotes_and_text(doc):
    result = apply(doc, parse_query("costa"))
    assert result.actor_ids == {"a1"}
    # her quotes match through the speaker's name
    assert result.quote_ids == ("q1", "q2", "q3")
    assert result.spans == (span(doc.text, "Costa", 0), span(doc.text, "Costa", 1))


def test_word_in_quote_text_keeps_that_quote_and_its_speaker(doc):
    result = apply(doc, parse_query("storm"))
    assert result.quote_ids == ("q3",)
    assert result.actor_ids == {"a1"}
    assert result.spans == (span(doc.text, "storm"),)


def test_words_must_all_match(doc):
    assert apply(doc, parse_query("costa storm")).quote_ids == ("q3",)
    assert apply(doc, parse_query("costa fishermen")).quote_ids == ()


def test_speaker_keeps_their_quotes_and_highlights_them(doc):
    result = apply(doc, parse_query("@reyes"))
    assert result.actor_ids == {"a3"}
    assert result.quote_ids == ("q4", "q5")
    assert result.spans == (span(doc.text, "a waste of money"), span(doc.text, "Lisbon should pay"))


def test_type_filters_actors_and_highlights_entities(doc):
    result = apply(doc, parse_query("type:place"))
    assert result.actor_ids == {"a4"}
    assert result.spans == (span(doc.text, "Lisbon"),)
    dates = apply(doc, parse_query("type:date"))
    assert dates.spans == (span(doc.text, "Tuesday"), span(doc.text, "May", 1))
    assert dates.actor_ids == frozenset()


def test_kind_keeps_quotes_and_only_their_speakers(doc):
    result = apply(doc, parse_query("kind:indirect"))
    assert result.quote_ids == ("q2", "q5")
    assert result.actor_ids == {"a1", "a3"}


def test_unattributed(doc):
    result = apply(doc, parse_query("unattributed"))
    assert result.quote_ids == ("q6",)
    assert result.actor_ids == frozenset()
    assert result.spans == (span(doc.text, "Nobody asked the fishermen,"),)


def test_combination_of_kind_speaker_and_word(doc):
    result = apply(doc, parse_query("kind:direct speaker:costa wait"))
    assert result.quote_ids == ("q3",)
    assert result.spans == (span(doc.text, "wait"),)


def test_no_match_is_empty_not_everything(doc):
    result = apply(doc, parse_query("zeppelin"))
    assert result.state.active
    assert not result.keeps_actor("a1")
    assert result.spans == ()


def test_markup_like_query_is_just_text(doc):
    result = apply(doc, parse_query("[bold]"))
    assert result.state.words == ("[bold]",) and result.spans == ()


def test_describe_round_trips():
    state = parse_query('@costa kind:direct "sea wall" unattributed')
    assert parse_query(state.describe()) == state


def test_merge_spans():
    assert merge_spans([(5, 8), (0, 2), (1, 3), (8, 9), (4, 4)]) == ((0, 3), (5, 9))


def test_next_span_wraps_both_ways():
    spans = ((0, 2), (10, 12), (20, 22))
    assert next_span(spans, 0) == 1
    assert next_span(spans, 25) == 0
    assert next_span(spans, 10, backwards=True) == 0
    assert next_span(spans, 0, backwards=True) == 2
    assert next_span((), 3) is None


def test_rank_and_tints(doc):
    assert [a.id for a in rank_actors(doc)] == ["a1", "a3", "a2", "a4"]
    assert quote_tints(doc) == {"a1": 1, "a3": 2}


def test_filter_state_is_frozen():
    with pytest.raises(FrozenInstanceError):
        FilterState().words = ("x",)  # type: ignore[misc]


def test_every_occurrence_of_a_word_is_highlighted_once_even_when_they_touch():
    from dataclasses import replace

    from newsview.filtering import apply, parse_query

    text = "Mm, a mmm and a [m]. " * 3
    doc = replace(analysed_document(), text=text, entities=(), quotes=(), actors=(), mentions=())
    result = apply(doc, parse_query("m"))
    runs = [text[s:e].lower() for s, e in result.spans]
    assert runs == ["mm", "mmm", "m"] * 3
    assert all(s < e for s, e in result.spans)
    assert list(result.spans) == sorted(result.spans)


def test_review_terms_are_parsed_with_the_rest_of_the_query():
    state = parse_query('speaker:smith Reviewed:NO verdict:rejected conf<0.8 verdict:maybe conf<high "conf<0.5 text"')
    assert state.speakers == ("smith",)
    assert state.review == ReviewTerms(reviewed=False, verdicts=("rejected",), confidence=(("<", 0.8),))
    assert state.invalid == ("verdict:maybe", "conf<high")
    assert state.words == ("conf<0.5 text",)  # in double quotes: words to find, not a term
    assert state.quote_only
    assert state.describe() == '"conf<0.5 text" speaker:smith reviewed:no verdict:rejected conf<0.8'
    assert parse_query("reviewed: verdict:").invalid == ("reviewed:", "verdict:")
    assert not parse_query("confidence review").review.active


def test_review_terms_keep_quotes_by_their_review(tmp_path):
    from newsview.review.actions import Accept, Reassign, Reject
    from review_helpers import article_doc, open_store

    reviewed_doc = article_doc()
    store = open_store(tmp_path / "article.txt.review.json", reviewed_doc)
    store.apply(Accept("q1"))
    store.apply(Reject("q3"))
    store.apply(Reassign("q4", actor_id="a1"))
    view = store.view()

    def kept(query, review=view):
        return apply(reviewed_doc, parse_query(query), review).quote_ids

    assert kept("verdict:accepted") == ("q1",)
    assert kept("verdict:reassigned") == ("q4",)
    assert kept("reviewed:no") == ("q2", "q5")
    assert kept("reviewed:no conf<0.5") == ("q5",)
    # without a review every quote is unreviewed
    assert kept("reviewed:yes", None) == ()
    assert kept("verdict:none", None) == tuple(q.id for q in reviewed_doc.quotes)
