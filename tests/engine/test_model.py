"""The document model: JSON round trip and mapping offsets back to the source."""

from __future__ import annotations

import json

import pytest

from newsview import model as m
from newsview.clean import clean_article


def test_offsets_after_a_removed_escape_map_to_the_source():
    source = "Title\n\nThe mayor \x1b[31msaid\x1b[0m it was over."
    cleaned = clean_article(source)
    doc = m.ParsedDocument(text=cleaned.text, source=m.Source(None, "0" * 64, "utf-8"), offset_map=cleaned.offset_map)
    i = doc.text.index("said")
    assert doc.text[i:i + 4] == "said"
    assert source[doc.to_source(i):doc.to_source(i) + 4] == "said"
    j = doc.text.index(" it was")
    assert source[doc.to_source(j):].startswith(" it was")
    end = len(doc.text)
    assert doc.to_source(end) == len(source)


def test_json_round_trip_keeps_every_field():
    doc = m.ParsedDocument(
        text="Jane Smith said “it works.”",
        source=m.Source("a.txt", "f" * 64, "utf-8", 27),
        meta=m.Meta(title="T", byline="B", date="2020-01-01", dateline="LONDON", publisher="P", title_span=(0, 1)),
        paragraphs=(m.Paragraph(0, 27),),
        removed=(m.Removed(0, 4, "Menu", "navigation"),),
        entities=(m.Entity(0, 10, "PERSON", "Jane Smith", "a1"),),
        actors=(m.Actor("a1", "Jane Smith", "PERSON", ("Smith",), ((0, 10),), ("q1",), "f"),),
        quotes=(
            m.Quote("q1", 17, 26, "it works.", "direct", "a1", (0, 10), "said", (11, 15), 0.9, ((17, 26),),
                    m.Evidence("cue-before-quote", ("Jane Smith (subject of said)",))),
        ),
        mentions=(m.Mention(0, 10, "a1", "name"),),
        analysed=True,
        pipeline="en_x-1",
        engine_version="0.1.0",
        offset_map=((0, 4, 27),),
    )
    data = json.loads(json.dumps(doc.to_dict()))
    back = m.ParsedDocument.from_dict(data)
    assert back.to_dict() == doc.to_dict()
    assert back.quotes == doc.quotes and back.actors == doc.actors and back.meta == doc.meta


def test_foreign_schema_is_refused():
    with pytest.raises(ValueError, match="schema"):
        m.ParsedDocument.from_dict({"schema": "other/9"})


def test_label_families():
    assert m.label_family("PERSON") == "person"
    assert m.label_family("GPE") == "place"
    assert m.label_family("NORP") == "org"
    assert m.label_family("MONEY") == "other"


def test_the_document_is_written_an_item_at_a_time_exactly_as_json_dumps_lays_it_out():
    """A long article's JSON is streamed; the text is the same as the whole document dumped at once."""
    import io
    import json

    from newsview.model import write_json

    from factories import analysed_document

    doc = analysed_document()
    data = doc.to_dict()
    for indent, expected in ((2, json.dumps(data, ensure_ascii=False, indent=2)),
                             (None, json.dumps(data, ensure_ascii=False, separators=(",", ":")))):
        out = io.StringIO()
        write_json(out, doc.json_fields(), indent=indent)
        assert out.getvalue() == expected
    odd = [("empty", iter([])), ("nested", iter([{"a": [1, {"b": "line\nbreak"}]}, []])), ("plain", {"c": []})]
    out = io.StringIO()
    write_json(out, iter(odd), indent=2)
    assert json.loads(out.getvalue()) == {"empty": [], "nested": [{"a": [1, {"b": "line\nbreak"}]}, []], "plain": {"c": []}}
    assert out.getvalue() == json.dumps(json.loads(out.getvalue()), indent=2)
    # a text longer than the piece it is escaped by, with what JSON escapes on both sides of each cut
    text = ('x"\\\n\t\x00é😀\u2028\ud800 ' * 20_000)[:150_001]
    for indent, expected in ((2, json.dumps({"text": text, "n": 1}, ensure_ascii=False, indent=2)),
                             (None, json.dumps({"text": text, "n": 1}, ensure_ascii=False, separators=(",", ":")))):
        out = io.StringIO()
        write_json(out, iter([("text", text), ("n", 1)]), indent=indent)
        assert out.getvalue() == expected
