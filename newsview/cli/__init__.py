"""The ``newsview`` command.

``newsview FILE`` opens the app when stdout is a terminal; ``--format``
writes the analysis instead (json, jsonl, text, csv, markdown, variants, or
parquet: a folder of tables, :mod:`newsview.corpus`).  Errors are
one line on stderr and a non-zero exit code, never a traceback:

* 0  every file was processed
* 1  at least one file could not be read (the others were still processed)
* 2  the command line was wrong
* 3  no usable spaCy pipeline, or the analysis itself failed

Imports run one way: ``entry`` -> ``fast`` | ``parser`` -> ``run_app`` |
``run_batch`` -> ``output`` | ``run_corpus``, all of them -> ``options`` and ``errors``.
"""

from __future__ import annotations

from .entry import main

__all__ = ["main"]
