"""Quote review: verdicts, reassigned speakers, notes and actor fixes, saved at once.

An editor goes quote by quote and accepts or rejects each one, reassigns its
speaker, leaves notes, merges actors the engine kept apart and renames actors.
Every change is one call that returns only once it is durably on disk.  The
file format is described in docs/review-format.md.  No Textual, no spaCy: the
UI calls in from key handlers.

One idea per module (import the one you need; this package imports nothing,
so the app's first frame does not pay for the store or the file code):

- :mod:`.errors`      ReviewError, the one error a review raises
- :mod:`.keys`        how a quote and an actor are known across re-analyses
- :mod:`.actions`     the actions (Accept, Reject, Reassign, SetNote, ...), verdicts, reasons
- :mod:`.log`         the append-only log folded into per-quote records (Review, QuoteRecord)
- :mod:`.matching`    finding a reviewed quote or actor in a re-analysed document
- :mod:`.view`        the reviewed view (ReviewedView, ReviewedQuote, orphans, ReviewFilter)
- :mod:`.progress`    how far a review has got ("3/6 reviewed")
- :mod:`.entries`     actions turned into log entries, and one-line descriptions of them
- :mod:`.validation`  every field of a loaded review file checked, the bad one named
- :mod:`.location`    where an article's review file is saved, and what it is found by
- :mod:`.fileformat`  the versioned file: bytes, reading it safely
- :mod:`.store`       ReviewStore: load, apply, merge another window's writes, undo, redo
- :mod:`.export`      the JSON block, CSV columns and Markdown report
"""
