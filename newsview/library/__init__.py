"""The library: many articles in one workspace, without holding them all in memory.

* :mod:`.index` — the SQLite index (articles, actors, quotes, reviews, full text);
* :mod:`.query` — the article list's filter language, sort keys and phrase search;
* :mod:`.speakers` — one ledger of speakers across articles, names merged;
* :mod:`.sources` — named versus unnamed sources, shares of quoted words;
* :mod:`.members` — folders, patterns, files and addresses into a list of articles (every format's too);
* :mod:`.scan` — the index kept in step with them, and the background analysis loop;
* :mod:`.background` — the sync and the analysis loop run side by side.

Headless like the rest of the engine: no Textual, and spaCy only inside the
analysis loop.  Every connection to the index belongs to one thread: the app
opens one for its own reads and the worker opens another.
"""
