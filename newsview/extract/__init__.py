"""Actor and quote extraction from a parsed spaCy document.

``extract(doc)`` is the one entry point: it takes a spaCy ``Doc`` whose text is
the cleaned article and returns an :class:`Extraction` of model objects whose
offsets index ``doc.text``.  The work is split into:

* :mod:`.marks` - quotation marks to quoted pieces (pure text);
* :mod:`.actors` - entities to canonical actors with aliases, built on
  :mod:`.entity_spans` (the tagger's spans corrected), :mod:`.name_text`
  (a name's words and titles), :mod:`.actor_clusters` (actors being built),
  :mod:`.non_actors` (names that are places or things), :mod:`.actor_genders`
  and :mod:`.actor_words` (what a name's words say it is);
* :mod:`.speakers` - subjects, names and descriptors to actors, with
  :mod:`.speech_subjects` (a speech verb's subject in the parse),
  :mod:`.pronoun_antecedents` ("he", "she", "they" to the actor meant),
  :mod:`.unnamed_speakers` ("critics", "an official", "almost all of whom"),
  :mod:`.speaker_record` (the resolver's shared state) and
  :mod:`.speech_nouns` ("her pledge to ...");
* :mod:`.quotes` - direct and mixed quotes, built on :mod:`.reported_speech`
  (speech without quotation marks), :mod:`.quote_frames` (the cue and byline
  around a quotation) and :mod:`.speech_verbs`;
* :mod:`.interviews` - transcripts: speaker labels, questions and answers;
* :mod:`.cues` - the word lists;
* :mod:`.extraction` - the result;
* :mod:`.assemble` - actors and quotes put together into it;
* :mod:`.headlines` - names only a title-case headline gives, taken out;
* :mod:`.documents` - documents and data as sources, and things that are none;
* :mod:`.places` - places the tagger took for people or organisations, with
  :mod:`.known_places` (countries, regions, GeoNames cities) and :mod:`.named_things`
  (roads, events, laws, prizes: names that say what they are);
* :mod:`.list_lines` - names only list entries, datelines and footnotes give, taken out
  (with :mod:`.actor_drops`);
* :mod:`.glued_names` - names a page glued to the next link's text, cut back;
* :mod:`.thing_names` - products, works, venues and common abbreviations, taken out;
* :mod:`.broken_names` - names the tagger cut in the wrong place, taken out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .extraction import Extraction

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Extraction", "extract"]


def extract(doc: Doc) -> Extraction:
    """Find entities, actors, mentions and quotes in a parsed document."""
    from .assemble import assemble
    from .broken_names import drop_broken_names
    from .documents import classify_sources
    from .headlines import drop_headline_names
    from .glued_names import unglue_names
    from .list_lines import drop_list_names
    from .thing_names import drop_thing_names
    from .places import correct_places

    found = unglue_names(doc.text, drop_headline_names(doc.text, assemble(doc)))
    found = drop_thing_names(doc.text, drop_list_names(doc.text, found))
    found = drop_broken_names(doc.text, found)
    return classify_sources(doc, correct_places(found))
