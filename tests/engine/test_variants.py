"""Quote variants: the same statement across articles, clustered and flagged (invented sentences only)."""

from __future__ import annotations

import io
import json
import random

from factories import paragraphs, source, span
from hypothesis import given
from hypothesis import strategies as st

from newsview.extract.interviews import QUESTION_RULE
from newsview.model import Actor, Evidence, ParsedDocument, Quote
from newsview.review.actions import Accept, Reassign
from newsview.review.store import ReviewStore
from newsview.variants import (
    ALTERED,
    CONFLICTING,
    IDENTICAL,
    TRUNCATED,
    UNATTRIBUTED_ELSEWHERE,
    VariantQuote,
    clusters_by_quote,
    find_variants,
    quotes_of_document,
    write_variants,
)
from newsview.variants.model import SURE
from newsview.variants.words import normalised_words, words_of

STATEMENT = "The new harbour wall will protect every family on the front from the winter storms"


def q(doc: str, text: str, speaker: str | None = "Ana Costa", *, quote: str = "q1", kind: str = "direct",
      context: str = "") -> VariantQuote:
    return VariantQuote.of_text(doc, quote, speaker, text, start=10, kind=kind, context=context)


def one_cluster(quotes, **kw):
    clusters = find_variants(quotes, **kw)
    assert len(clusters) == 1, clusters
    return clusters[0]


# -- words ---------------------------------------------------------------------------


def test_words_keep_their_place_in_the_article():
    text = "\u201cWe\u2019ll build it \u2026 and soon,\u201d"
    w = words_of([(100, text)])
    assert w.words == ("well", "build", "it", "and", "soon")
    assert [text[s - 100:e - 100] for s, e in zip(w.starts, w.ends)] == ["We\u2019ll", "build", "it", "and", "soon"]
    assert w.gaps == (False, False, False, True, False)  # the ellipsis stands before "and"


@given(st.text(alphabet=st.sampled_from(list("abcXYZ19 \u00e9'\u2019\"\u201c\u201d.,;!?\u2026-\n")), max_size=60))
def test_the_fast_and_the_positioned_words_agree(text):
    assert normalised_words(text) == list(words_of([(0, text)]).words)


# -- flags ---------------------------------------------------------------------------


def test_quotation_marks_case_punctuation_and_spacing_do_not_matter():
    c = one_cluster([
        q("a.txt", STATEMENT),
        q("b.txt", "\u201cthe NEW harbour wall will protect every family on the front \u2014 from the winter storms!\u201d"),
        q("c.txt", "'The new harbour wall   will protect\nevery family on the front, from the winter storms.'"),
    ])
    assert c.flags == (IDENTICAL,)
    assert c.diffs == ()
    assert [m.doc for m in c.members] == ["a.txt", "b.txt", "c.txt"]


def test_how_a_number_is_spaced_is_no_changed_word():
    """'2.6million' is a typo for '2.6 million', not a change of the speaker's words."""
    said = "More than {} Americans have donated to this campaign since the {}"
    c = one_cluster([q("a.txt", said.format("2.6million", "1990's"), "Josh Schwerin"),
                     q("b.txt", said.format("2.6 million", "1990s"), "Josh Schwerin")])
    assert c.flags == (IDENTICAL,)
    c = one_cluster([q("a.txt", said.format("2.6 million", "1990s"), "Josh Schwerin"),
                     q("b.txt", said.format("3.6million", "1990s"), "Josh Schwerin")])
    assert c.flags == (ALTERED,)
    assert [(x.op, x.reference, x.member) for x in c.diffs[0].changes] == [("replace", "2", "3")]


def test_a_changed_word_is_altered_with_its_word_diff():
    c = one_cluster([q("a.txt", STATEMENT), q("b.txt", STATEMENT.replace("every family", "some families"))])
    assert c.flags == (ALTERED,)
    (d,) = c.diffs
    (change,) = d.changes
    assert change.op == "replace"
    assert {change.reference, change.member} == {"every family", "some families"}
    other = c.members[d.member]
    s, e = change.member_span
    assert other.text[s - other.start:e - other.start] == change.member


def test_a_change_says_where_the_words_a_version_lacks_would_stand():
    shorter = STATEMENT.replace(" on the front", "")
    c = one_cluster([q("a.txt", STATEMENT), q("b.txt", shorter)])
    (d,) = c.diffs
    (change,) = d.changes
    member = c.members[d.member]
    assert change.member_span is None and change.reference == "on the front"
    # just after "family", where "on the front" stood in the other version
    assert member.text[:change.member_at - member.start].endswith("every family")


def test_a_cut_clause_is_truncated_and_says_which_version_is_longer():
    short = "The new harbour wall will protect every family on the front"
    c = one_cluster([q("long.txt", STATEMENT), q("short.txt", short)])
    assert c.flags == (TRUNCATED,)
    assert c.members[c.reference].doc == "long.txt"
    (d,) = c.diffs
    assert d.longer == "reference" and d.relation == (TRUNCATED,)
    assert [(x.op, x.reference, x.member) for x in d.changes] == [("cut-end", "from the winter storms", "")]


def test_a_middle_cut_is_truncated_with_an_ellipsis_and_altered_without_one():
    marked = "The new harbour wall will protect every family \u2026 from the winter storms"
    unmarked = "The new harbour wall will protect every family from the winter storms"
    c = one_cluster([q("a.txt", STATEMENT), q("b.txt", marked)])
    assert c.flags == (TRUNCATED,)
    assert [x.op for x in c.diffs[0].changes] == ["elided"]
    c = one_cluster([q("a.txt", STATEMENT), q("b.txt", unmarked)])
    assert c.flags == (ALTERED,)
    assert [(x.op, x.reference) for x in c.diffs[0].changes] == [("delete", "on the front")]


def test_the_same_words_by_different_speakers_conflict():
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), q("b.txt", STATEMENT, "Tom Reyes")])
    assert c.flags == (CONFLICTING, IDENTICAL)


def test_one_speaker_under_different_names_does_not_conflict():
    c = one_cluster([
        q("a.txt", STATEMENT, "Ana Costa"),
        q("b.txt", STATEMENT, "Mayor Ana Costa"),
        q("c.txt", STATEMENT, "Costa"),
        q("d.txt", STATEMENT, "Ms. Ana M. Costa"),
    ])
    assert c.flags == (IDENTICAL,)


def test_two_people_of_one_family_name_conflict():
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), q("b.txt", STATEMENT, "Luis Costa")])
    assert CONFLICTING in c.flags


def test_quoted_without_a_speaker_elsewhere():
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), q("b.txt", STATEMENT, None), q("c.txt", STATEMENT, "she")])
    assert c.flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL)
    assert [m.speaker for m in c.members] == ["Ana Costa", None, "she"]


def test_a_quote_attributed_to_someone_unresolved_is_not_unattributed():
    """'At one point, he referred to her as "the Devil"': the article attributes it; the engine
    only did not resolve 'he'. Attributed, speaker unknown: no unattributed-elsewhere."""
    assert one_cluster([q("a.txt", STATEMENT, "Ana Costa"), q("c.txt", STATEMENT, "she")]).flags == (IDENTICAL,)
    said = "the worst harbour plan this town has ever seen"
    text = f'Costa was in no mood for compromise. At one point, she referred to it as "{said}."'
    s, e = span(text, said)
    cued = Quote("q1", s, e, said, "mixed", None, speaker_span=span(text, "she"), cue="referred",
                 cue_span=span(text, "referred"), spans=((s, e),))
    doc = ParsedDocument(text=text, source=source(text, "b.txt"), paragraphs=paragraphs(text)).with_analysis(
        entities=(), actors=(), quotes=(cued,), mentions=(), pipeline="test")
    named = _article("a.txt", f"Ana Costa said: \u201c{said}.\u201d", said, "Ana Costa")
    (cluster,) = find_variants(quotes_of_document(named) + quotes_of_document(doc))
    assert cluster.flags == (IDENTICAL,)
    assert [m.speaker for m in cluster.members] == ["Ana Costa", None]
    # with no attribution at all (a headline, say), the flag stays
    headline = f'Harbour row: "{said}"'
    s, e = span(headline, said)
    bare = ParsedDocument(text=headline, source=source(headline, "b.txt"), paragraphs=paragraphs(headline)).with_analysis(
        entities=(), actors=(), quotes=(Quote("q1", s, e, said, "direct", None, spans=((s, e),)),), mentions=(),
        pipeline="test")
    (cluster,) = find_variants(quotes_of_document(named) + quotes_of_document(bare))
    assert cluster.flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL)


def test_the_words_two_overlapping_quotes_of_one_article_hold_are_one_version():
    # the engine can find a mixed quote inside a longer one around the same quoted words,
    # the inner one without the speaker: still one version there, with the speaker
    outer = VariantQuote("a.txt", "q1", "Ana Costa", ((126, STATEMENT),), kind="mixed")
    inner = VariantQuote("a.txt", "q2", None, ((126, STATEMENT),), kind="mixed")
    for quotes in ([outer, inner, q("b.txt", STATEMENT)], [inner, outer, q("b.txt", STATEMENT)]):
        c = one_cluster(quotes)
        assert c.flags == (IDENTICAL,)
        assert [(m.doc, m.quote, m.speaker) for m in c.members] == [("a.txt", "q1", "Ana Costa"), ("b.txt", "q1", "Ana Costa")]
    # two quotes of different places in one article stay two versions, and so do different words at one offset
    again = VariantQuote.of_text("a.txt", "q3", None, STATEMENT, start=400)
    c = one_cluster([outer, again, q("b.txt", STATEMENT)])
    # (not unattributed-elsewhere: the article attributes the statement at its other place)
    assert c.flags == (IDENTICAL,) and len(c.members) == 3
    summer = VariantQuote("a.txt", "q4", "Ana Costa", ((126, STATEMENT.replace("winter", "summer")),), kind="mixed")
    assert len(one_cluster([outer, summer, q("b.txt", STATEMENT)]).members) == 3


def test_a_fragment_inside_a_longer_quote_of_the_same_article_is_no_second_version():
    """'quotes a "Senate aide" as saying: "The House language ..."': the engine's mixed quote ends
    after the first sentence, inside the direct quote that goes on; one version there, not a cut."""
    first, rest = STATEMENT, "They will also protect the shops on the quay"
    whole = VariantQuote("a.txt", "q2", "Ana Costa", ((126, first + ". " + rest),))
    fragment = VariantQuote("a.txt", "q1", "Ana Costa", ((126, first),), kind="mixed")
    later = VariantQuote("a.txt", "q3", "Ana Costa", ((140, first[14:]),), kind="mixed")
    other = q("b.txt", first + ". " + rest)
    for quotes in ([fragment, whole, other], [whole, fragment, later, other]):
        c = one_cluster(quotes)
        assert c.flags == (IDENTICAL,)
        assert sorted((m.doc, m.quote) for m in c.members) == [("a.txt", "q2"), ("b.txt", "q1")]
    # a fragment that names its speaker stays when the longer quote has none
    bare = VariantQuote("a.txt", "q2", None, ((126, first + ". " + rest),))
    assert len(one_cluster([fragment, bare, other]).members) == 3


def test_an_editors_bracketed_words_are_not_the_speakers():
    noted = "The new harbour wall [the council's plan] will protect every family on the front from the winter storms"
    c = one_cluster([q("a.txt", STATEMENT), q("b.txt", noted)])
    assert c.flags == (IDENTICAL,)
    assert normalised_words("it was [sic] the worst") == ["it", "was", "the", "worst"]


def test_a_body_or_a_document_conflicts_with_no_person():
    """'the British Medical Association' and 'James Johnson, BMA chairman'; 'Indymedia web site
    quotes Elizabeth Nadeau as saying': a body speaks through people, no conflict."""
    body = VariantQuote("b.txt", "q1", "the Harbour Trust", ((0, STATEMENT),), speaker_person=False)
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), body])
    assert c.flags == (IDENTICAL,)
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), body, q("c.txt", STATEMENT, "Tom Reyes")])
    assert c.flags == (CONFLICTING, IDENTICAL)
    text = f'The Indymedia web site quotes Ana Costa as saying "{STATEMENT}."'
    s, e = span(text, STATEMENT)
    site = Actor("a1", "Indymedia web site", "document")
    doc = ParsedDocument(text=text, source=source(text, "d.txt"), paragraphs=paragraphs(text)).with_analysis(
        entities=(), actors=(site,), quotes=(Quote("q1", s, e, STATEMENT, "direct", "a1", spans=((s, e),)),),
        mentions=(), pipeline="test")
    assert one_cluster(quotes_of_document(doc) + [q("a.txt", STATEMENT, "Ana Costa")]).flags == (IDENTICAL,)


def test_a_quote_with_the_speaker_named_beside_it_is_not_unattributed():
    """'Secretary of the Air Force James Roche: "No, Sir, ..."': a label line the engine does not
    read as attribution still names the speaker the other version gives."""
    def bare(lead: str) -> VariantQuote:  # a quote of article b.txt right after ``lead``
        return VariantQuote.of_text("b.txt", "q1", None, STATEMENT, start=len(lead), context=lead + " and more")

    named = q("a.txt", STATEMENT, "Ana Costa")
    assert one_cluster([named, bare("The vote.\nHarbour board member Ana Costa: \u201c")]).flags == (IDENTICAL,)
    for lead in ("The vote.\nHarbour board member Tom Reyes: ",  # another name
                 "Ana Costa was out.\nThe board: ",  # the name on another line
                 "Harbour row over Ana Costa's plan "):  # no label
        assert one_cluster([named, bare(lead)]).flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL), lead
    # a speech verb introducing it: attributed, only not resolved (the flag is held back)
    c = one_cluster([named, bare("Ana Costa was out.\nThe board wrote: ")])
    assert c.flags == (IDENTICAL,) and c.unconfirmed == (UNATTRIBUTED_ELSEWHERE,)


def _sure(doc: str, speaker: str | None, confidence: float, *, text: str = STATEMENT, context: str = "",
          start: int = 10) -> VariantQuote:
    return VariantQuote(doc, "q1", speaker, ((start, text),), context=context, confidence=confidence)


def test_a_conflict_is_flagged_only_between_two_sure_attributions():
    """Speakers that differ are far more often an engine slip than an outlet's: the flag needs both
    speakers at SURE (0.9, where the engine's speaker is right 0.975 of the time); below it the
    cluster keeps its word flags, shows both speakers and holds the accusation back."""
    assert one_cluster([_sure("a.txt", "Ana Costa", 0.95), _sure("b.txt", "Tom Reyes", SURE)]).flags == (
        CONFLICTING, IDENTICAL)
    c = one_cluster([_sure("a.txt", "Ana Costa", 0.95), _sure("b.txt", "Tom Reyes", 0.75)])
    assert c.flags == (IDENTICAL,) and c.unconfirmed == (CONFLICTING,)
    assert [(m.speaker, m.confidence) for m in c.members] == [("Ana Costa", 0.95), ("Tom Reyes", 0.75)]
    out = io.StringIO()
    write_variants(out, [c])  # the --format variants line
    row = json.loads(out.getvalue())
    assert row["flags"] == [IDENTICAL] and row["unconfirmed"] == [CONFLICTING]
    assert [m["confidence"] for m in row["members"]] == [0.95, 0.75]
    # one speaker unsure among three: the two sure ones that differ still conflict
    c = one_cluster([_sure("a.txt", "Ana Costa", 0.95), _sure("b.txt", "Tom Reyes", 0.5),
                     _sure("c.txt", "Tom Reyes", 0.92)])
    assert c.flags == (CONFLICTING, IDENTICAL) and c.unconfirmed == ()
    # a speaker given through the review hook is sure
    c = one_cluster([_sure("a.txt", "Ana Costa", 0.95), _sure("b.txt", "Tom Reyes", 0.75)],
                    speakers={("b.txt", "q1"): "Tom Reyes"})
    assert c.flags == (CONFLICTING, IDENTICAL)
    assert "unconfirmed" not in c.to_dict()


def test_a_reviewer_accepting_an_unsure_speaker_makes_the_conflict_sure(tmp_path):
    said = "We cannot wait for the next storm to reach the harbour"
    a = _article("a.txt", f"Ana Costa spoke on Tuesday. \u201c{said},\u201d she said.", said, "Ana Costa")
    b = _article("b.txt", f"Tom Reyes was at the meeting. \u201c{said}!\u201d Tom Reyes said.", said, "Tom Reyes",
                 confidence=0.6)
    (engine,) = find_variants(quotes_of_document(a) + quotes_of_document(b))
    assert engine.flags == (IDENTICAL,) and engine.unconfirmed == (CONFLICTING,)
    store = ReviewStore(tmp_path / "b.review.json")
    store.load(b)
    store.apply(Accept("q1"))
    (reviewed,) = find_variants(quotes_of_document(a) + quotes_of_document(b, store.view()))
    assert reviewed.flags == (CONFLICTING, IDENTICAL) and reviewed.unconfirmed == ()
    assert [m.confidence for m in reviewed.members] == [0.95, 1.0]


def test_unattributed_elsewhere_needs_a_sure_speaker_and_a_version_nothing_attributes():
    named = _sure("a.txt", "Ana Costa", 0.95)

    def bare(before: str, after: str = "", doc: str = "b.txt", text: str = STATEMENT) -> VariantQuote:
        return _sure(doc, None, 0.3, text=text, context=before + " " + after, start=len(before))

    # a headline, a caption: no attribution anywhere near
    for before, after in (("Harbour row: \u201c", "\u201d"), ("The vote is on Friday. \u201c", ".\u201d The wall ...")):
        c = one_cluster([named, bare(before, after)])
        assert c.flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL) and c.unconfirmed == (), before
    # a speech verb in an earlier sentence attributes nothing
    c = one_cluster([named, bare("The mayor said the vote is on Friday. The plan is clear. \u201c")])
    assert c.flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL)
    # attributed in ways the engine did not resolve: the accusation is held back
    for before, after in (("Costa was out. \u201c", ",\u201d the mayor later told reporters."),  # a verb in its sentence
                          ("Then the mayor took the floor. She said:\n\n\u201c", ""),  # 'said:' ending the paragraph before
                          ("\u201cWe voted for it.\u201d \u201c", ""),  # running on after another quote
                          ("According to the mayor, \u201c", "")):
        c = one_cluster([named, bare(before, after)])
        assert c.flags == (IDENTICAL,) and c.unconfirmed == (UNATTRIBUTED_ELSEWHERE,), before
    # the attributed version is not sure: held back too
    c = one_cluster([_sure("a.txt", "Ana Costa", 0.75), bare("Harbour row: \u201c")])
    assert c.flags == (IDENTICAL,) and c.unconfirmed == (UNATTRIBUTED_ELSEWHERE,)


def test_an_article_that_attributes_one_piece_of_a_quote_does_not_leave_it_unattributed():
    """A quote continued after a sidebar: the engine gives the first piece its speaker and loses it
    for the second, but that article attributes the statement."""
    first, rest = STATEMENT.split(" on the front ")
    rest = "on the front " + rest
    c = one_cluster([_sure("a.txt", "Ana Costa", 0.95),
                     VariantQuote("b.txt", "q1", "Ana Costa", ((10, first),), confidence=0.95),
                     VariantQuote("b.txt", "q2", None, ((300, rest),), context="At-a-glance \u201c", confidence=0.3)])
    assert UNATTRIBUTED_ELSEWHERE not in c.flags + c.unconfirmed


def test_a_described_speaker_neither_conflicts_with_a_name_nor_is_missing():
    described = VariantQuote("b.txt", "q1", "a council spokesman", ((0, STATEMENT),), speaker_named=False)
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), described])
    assert c.flags == (IDENTICAL,)
    c = one_cluster([q("a.txt", STATEMENT, "Ana Costa"), described, q("c.txt", STATEMENT, "Tom Reyes")])
    assert c.flags == (CONFLICTING, IDENTICAL)
    c = one_cluster([described, q("c.txt", STATEMENT, None)])
    assert c.flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL)


def test_a_speaker_given_by_the_caller_replaces_the_quotes_own():
    quotes = [q("a.txt", STATEMENT, "Ana Costa", quote="q3"), q("b.txt", STATEMENT, "Tom Reyes", quote="q7")]
    assert CONFLICTING in one_cluster(quotes).flags
    resolved = one_cluster(quotes, speakers={("b.txt", "q7"): "Ana Costa"})
    assert resolved.flags == (IDENTICAL,)
    assert resolved.members[1].speaker == "Ana Costa"


# -- what must not cluster -------------------------------------------------------------


def test_short_common_phrases_by_different_people_do_not_cluster():
    people = ["Ana Costa", "Tom Reyes", "Lena Park", "Omar Haddad", "Ruth Moreau"]
    quotes = [q(f"{n}.txt", phrase, who, quote=f"q{k}")
              for n, who in enumerate(people) for k, phrase in enumerate(["very bad", "a total disgrace", "no comment"])]
    assert find_variants(quotes) == []


def test_short_quotes_cluster_when_the_speaker_or_the_context_agrees():
    same_speaker = [q("a.txt", "very bad", "Ana Costa"), q("b.txt", "Very bad!", "Costa")]
    assert one_cluster(same_speaker).flags == (IDENTICAL,)
    around = "the mayor called the sea wall plan {} during a heated council meeting on Tuesday"
    same_context = [q("a.txt", "very bad", "Ana Costa", context=around), q("b.txt", "very bad", None, context=around)]
    assert one_cluster(same_context).flags == (UNATTRIBUTED_ELSEWHERE, IDENTICAL)
    elsewhere = [q("a.txt", "very bad", "Ana Costa", context=around),
                 q("b.txt", "very bad", None, context="the striker said his own penalty miss was")]
    assert find_variants(elsewhere) == []


def test_a_short_phrase_joins_only_by_its_speakers_own_name_not_an_alias():
    joint = [q("a.txt", "very bad", "Tom Reyes"),
             VariantQuote("b.txt", "q1", "Ana Costa", ((0, "Very bad."),), speaker_aliases=("Costa and Reyes",))]
    assert find_variants(joint) == []
    same = [q("a.txt", "very bad", "Tom Reyes"), VariantQuote("b.txt", "q1", "Reyes", ((0, "Very bad."),))]
    assert one_cluster(same).flags == (IDENTICAL,)


def test_a_short_excerpt_is_a_cut_of_a_longer_version_only_in_the_same_context():
    """A speaker's catchphrase quoted on another day is not a cut of the speech that had it too."""
    speech = "I am your president of law and order and an ally of all peaceful protesters"
    around = "the day after the riot near the church the president spoke in the rose garden"
    long = q("a.txt", speech, "Donald Trump", context=around)
    phrase = q("b.txt", "law and order", "Trump", context="in Kenosha in September where he placed emphasis on")
    assert find_variants([long, phrase]) == []
    same_day = q("b.txt", "law and order", "Trump", context=f"{around} and declared himself the president of")
    cluster = one_cluster([long, same_day])
    assert cluster.flags == (TRUNCATED,) and cluster.diffs[0].longer == "reference"


def test_a_talking_point_said_by_two_people_is_two_statements_not_a_conflict():
    """Two named people saying the same few words (a campaign line) did not say one statement."""
    line = "temperamentally unfit to be commander-in-chief"
    veteran = f"He has been disrespecting our veterans for months, and he is {line}"
    rally = "at a rally in Florida on Friday the Democratic nominee said again that her rival is"
    ceremony = "a retired colonel who spoke at the ceremony in Virginia told reporters"
    assert find_variants([q("a.txt", line, "Hillary Clinton", context=rally),
                          q("b.txt", veteran, "Rucker Culpepper", context=ceremony)]) == []
    assert find_variants([q("a.txt", line, "Hillary Clinton", context=rally),
                          q("b.txt", line, "Rucker Culpepper", context=ceremony)]) == []
    # the same person saying it again, or another name for the same words where the articles agree
    again = one_cluster([q("a.txt", line, "Hillary Clinton", context=rally),
                         q("b.txt", line, "Clinton", context=ceremony)])
    assert again.flags == (IDENTICAL,)
    misattributed = one_cluster([q("a.txt", line, "Hillary Clinton", context=rally),
                                 q("b.txt", line, "Bill Clinton", context=rally + " on the stage")])
    assert misattributed.flags == (CONFLICTING, IDENTICAL)


def test_a_short_phrase_inside_longer_quotes_does_not_join_them():
    quotes = [
        q("a.txt", "We will rebuild the pier because it is very bad for business as it stands", "Ana Costa"),
        q("b.txt", "The referee was very bad and everyone in the stadium could see it", "Tom Reyes"),
        q("c.txt", "very bad", "Lena Park"),
    ]
    assert find_variants(quotes) == []


def test_versions_of_different_statements_sharing_an_excerpt_are_not_one_cluster():
    excerpt = "protect every family on the front from the winter storms"
    quotes = [
        q("a.txt", "We promised in March that the wall would " + excerpt + " and we kept our word"),
        q("b.txt", "Nobody on the council believes a concrete wall can " + excerpt + " for the next fifty years"),
        q("c.txt", excerpt),
    ]
    for c in find_variants(quotes):
        assert {m.doc for m in c.members} != {"a.txt", "b.txt", "c.txt"}


def test_a_one_word_answer_is_never_a_variant():
    assert find_variants([q("a.txt", "Yes", "Ana Costa"), q("b.txt", "yes.", "Ana Costa")]) == []


def test_a_short_quote_is_not_a_cut_of_a_long_answer_that_has_its_words_far_apart():
    answer = ("We do not know, and I think nobody on the council can say for certain what the sea will do "
              "next winter, because the old records are lost and we do not know at all")
    assert find_variants([q("a.txt", answer, "Ana Costa"), q("b.txt", "Oh, we do not know. We do not know at all", "Ana Costa")]) == []


def test_one_article_repeating_itself_is_not_a_variant():
    assert find_variants([q("a.txt", STATEMENT, quote="q1"), q("a.txt", STATEMENT, quote="q2")]) == []


def test_reported_speech_is_not_compared_and_mixed_fragments_are():
    mixed = VariantQuote("b.txt", "q2", "Ana Costa", ((5, "the council"), (40, STATEMENT)), "mixed")
    indirect = q("c.txt", STATEMENT, "Ana Costa", kind="indirect")
    c = one_cluster([q("a.txt", STATEMENT), mixed, indirect])
    assert [(m.doc, m.start, m.kind) for m in c.members] == [("a.txt", 10, "direct"), ("b.txt", 40, "mixed")]


# -- identity and output -----------------------------------------------------------------


def test_cluster_ids_and_output_do_not_depend_on_input_order():
    quotes = [q(f"{n}.txt", text, who, quote=f"q{n}") for n, (text, who) in enumerate([
        (STATEMENT, "Ana Costa"), (STATEMENT.upper(), "Tom Reyes"),
        ("The council will vote on the sea wall budget before the end of May", "Lena Park"),
        ("the council will vote on the budget before the end of May", None),
    ])]
    first = io.StringIO()
    write_variants(first, find_variants(quotes))
    random.Random(3).shuffle(quotes)
    again = io.StringIO()
    write_variants(again, find_variants(quotes))
    assert first.getvalue() == again.getvalue()
    rows = [json.loads(line) for line in first.getvalue().splitlines()]
    assert [r["flags"] for r in rows] == [[CONFLICTING, IDENTICAL], [ALTERED, UNATTRIBUTED_ELSEWHERE]]
    assert all(r["cluster"].startswith("v") for r in rows)


def test_variant_rows_have_members_and_a_diff_only_when_words_differ():
    out = io.StringIO()
    n = write_variants(out, find_variants([
        q("a.txt", STATEMENT), q("b.txt", STATEMENT, "Tom Reyes"),
        q("c.txt", "Nobody asked the fishermen\x1b about the wall before the vote\x07", "Lena Park"),
        q("d.txt", "Nobody asked the fishermen about the wall", "Lena Park"),
    ]))
    assert n == 2
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()  # control characters are escaped in the JSON
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    identical = next(r for r in rows if IDENTICAL in r["flags"])
    assert "diff" not in identical
    member = identical["members"][0]
    assert set(member) >= {"path", "quote", "speaker", "text", "start", "end"}
    cut = next(r for r in rows if TRUNCATED in r["flags"])
    (d,) = cut["diff"]
    assert d["longer"] == "reference" and d["changes"][0]["op"] == "cut-end"
    assert d["changes"][0]["reference"] == "before the vote"


# -- documents and review -----------------------------------------------------------------


def _article(path: str, text: str, said: str, speaker: str | None, confidence: float = 0.95) -> ParsedDocument:
    s, e = span(text, said)
    quote = Quote("q1", s, e, said, "direct", "a1" if speaker else None, spans=((s, e),), confidence=confidence)
    actors = (Actor("a1", speaker, "PERSON", (), (span(text, speaker),), ("q1",)),) if speaker else ()
    doc = ParsedDocument(text=text, source=source(text, path), paragraphs=paragraphs(text))
    return doc.with_analysis(entities=(), actors=actors, quotes=(quote,), mentions=(), pipeline="test")


def test_only_the_quoted_words_of_a_mixed_quote_are_compared():
    text = 'Ana Costa called the plan "a waste of money" and "far too late" on Tuesday.'
    s, e = span(text, 'the plan "a waste of money" and "far too late')
    quote = Quote("q1", s, e, text[s:e], "mixed", "a1", spans=((s, e),))
    doc = ParsedDocument(text=text, source=source(text, "a.txt"), paragraphs=paragraphs(text)).with_analysis(
        entities=(), actors=(Actor("a1", "Ana Costa", "PERSON", (), (span(text, "Ana Costa"),), ("q1",)),),
        quotes=(quote,), mentions=(), pipeline="test")
    (vq,) = quotes_of_document(doc)
    assert [t for _, t in vq.pieces] == ["a waste of money", "far too late"]
    assert all(text[o:o + len(t)] == t for o, t in vq.pieces)


def _interview(path: str, guest: str, turns: list[tuple[str, str]]) -> ParsedDocument:
    """A transcript: ``(label, words)`` turns, the interviewer's ("WN") marked as questions, as the engine does."""
    text = f"Wikinews interviews {guest}\n\n" + "\n\n".join(f"((WN)) {w}" if who == "WN" else f"(({guest})) {w}"
                                                          for who, w in turns)
    quotes, at = [], 0
    for n, (who, words) in enumerate(turns):
        s = text.index(words, at)
        at = s + len(words)
        rule = QUESTION_RULE if who == "WN" else "interview-answer"
        quotes.append(Quote(f"q{n}", s, at, words, "direct", "a1" if who == "WN" else "a2", spans=((s, at),),
                            evidence=Evidence(rule), confidence=0.95))
    actors = (Actor("a1", "Wikinews", "ORG", (), (), tuple(q.id for q in quotes if q.speaker == "a1")),
              Actor("a2", guest, "PERSON", (), (span(text, guest),), tuple(q.id for q in quotes if q.speaker == "a2")))
    doc = ParsedDocument(text=text, source=source(text, path), paragraphs=paragraphs(text))
    return doc.with_analysis(entities=(), actors=actors, quotes=tuple(quotes), mentions=(), pipeline="test")


def test_an_interviewers_stock_questions_are_not_variants_but_the_answers_are():
    """Asked in every interview, word for word or with the guest's name changed, a question is the
    publication's template, not a statement to trace; what a guest said in two interviews is."""
    said = "The telescope found the black hole because its companion stars moved in a strange way"
    a = _interview("a.txt", "Ana Costa", [
        ("WN", "How did you get involved in this study?"),
        ("Ana Costa", "A colleague asked me to look at the spectra from the old survey."),
        ("WN", "What would a Costa administration of the observatory look like for young researchers?"),
        ("Ana Costa", said),
    ])
    b = _interview("b.txt", "Tom Reyes", [
        ("WN", "How did you get involved in this study?"),
        ("Tom Reyes", "I was the one who built the camera that took the images."),
        ("WN", "What would a Reyes administration of the observatory look like for young researchers?"),
        ("Tom Reyes", f"As Costa told you, {said.lower()}."),
    ])
    quotes = quotes_of_document(a) + quotes_of_document(b)
    assert {vq.quote for vq in quotes if vq.doc == "a.txt"} == {"q1", "q3"}  # the guest's turns only
    (cluster,) = find_variants(quotes)
    assert cluster.flags == (CONFLICTING, TRUNCATED)
    assert {(m.doc, m.quote) for m in cluster.members} == {("a.txt", "q3"), ("b.txt", "q3")}


def test_a_source_the_article_does_not_name_conflicts_with_no_name():
    """One article names the patient, another calls him "the man": the engine's unnamed source is no name."""
    said = "It does not affect me at all now and my life is pretty much as it was before"
    named = _article("a.txt", f"Martin Taylor wrote: \u201c{said}.\u201d", said, "Martin Taylor")
    text = f"\u201c{said},\u201d the man wrote."
    s, e = span(text, said)
    quote = Quote("q1", s, e, said, "direct", "a1", spans=((s, e),))
    unnamed = ParsedDocument(text=text, source=source(text, "b.txt"), paragraphs=paragraphs(text)).with_analysis(
        entities=(), actors=(Actor("a1", "the man", "unnamed", (), (span(text, "the man"),), ("q1",)),),
        quotes=(quote,), mentions=(), pipeline="test")
    (cluster,) = find_variants(quotes_of_document(named) + quotes_of_document(unnamed))
    assert cluster.flags == (IDENTICAL,)


def test_a_reviewer_reassigning_a_speaker_changes_the_conflicting_flag(tmp_path):
    said = "We cannot wait for the next storm to reach the harbour"
    a = _article("a.txt", f"Ana Costa spoke on Tuesday. \u201c{said},\u201d she said.", said, "Ana Costa")
    b = _article("b.txt", f"Tom Reyes was at the meeting. \u201c{said.upper()}!\u201d Tom Reyes said.", said.upper(), "Tom Reyes")
    engine = find_variants(quotes_of_document(a) + quotes_of_document(b))
    assert [c.flags for c in engine] == [(CONFLICTING, IDENTICAL)]

    store = ReviewStore(tmp_path / "b.review.json")
    store.load(b)
    store.apply(Reassign("q1", new_name="Ana Costa"))
    reviewed = find_variants(quotes_of_document(a) + quotes_of_document(b, store.view()))
    assert [c.flags for c in reviewed] == [(IDENTICAL,)]
    assert [m.speaker for m in reviewed[0].members] == ["Ana Costa", "Ana Costa"]
    assert reviewed[0].id == engine[0].id  # the same cluster, now without the conflict


def test_quotes_with_variants_elsewhere_can_be_looked_up_for_the_reader():
    clusters = find_variants([
        q("a.txt", STATEMENT, quote="q1"), q("b.txt", STATEMENT.lower(), "Tom Reyes", quote="q4"),
        q("a.txt", "Nobody asked the fishermen about the wall before the vote", quote="q2"),
        q("c.txt", "We will build a second pier next year if the council agrees", quote="q1"),
    ])
    marks = clusters_by_quote(clusters)
    assert set(marks) == {("a.txt", "q1"), ("b.txt", "q4")}
    assert marks[("a.txt", "q1")][0].flags == (CONFLICTING, IDENTICAL)


# -- the command line ------------------------------------------------------------------------

SAID = "The new harbour wall will protect every family on the front from the winter storms"


def test_format_variants_clusters_the_quotes_of_the_files_given(tmp_path):
    import subprocess
    import sys

    articles = {
        "costa.txt": f"Harbour wall vote\n\nMayor Ana Costa spoke to reporters on Tuesday.\n\n\u201c{SAID},\u201d Ana Costa said.\n",
        "reyes.txt": f"Council split on sea wall\n\nThe council met on Wednesday.\n\n\"{SAID.upper()},\" Tom Reyes said.\n",
        "short.txt": "Storm season\n\nThe mayor visited the harbour.\n\n"
                     "\u201cThe new harbour wall will protect every family on the front,\u201d Ana Costa said.\n",
    }
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsview", *sorted(articles), "--format", "variants", "--no-cache"],
                          cwd=tmp_path, capture_output=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(rows) == 1
    (row,) = rows
    assert {m["path"] for m in row["members"]} == set(articles)
    speakers = sorted(m["speaker"] for m in row["members"])
    assert speakers[-1] == "Tom Reyes" and all(s.endswith("Costa") for s in speakers[:-1])
    assert row["flags"] == [CONFLICTING, TRUNCATED]
    (cut,) = [d for d in row["diff"] if d["relation"] == [TRUNCATED]]
    assert [c["reference"] for c in cut["changes"]] == ["from the winter storms"]
