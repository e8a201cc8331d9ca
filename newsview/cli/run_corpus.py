"""``newsview CORPUS... --format parquet|jsonl -o DIR [--cluster ADDRESS]``: a corpus
run from the command line, its errors as one line each and its exit code.

Exit codes as for every ``newsview`` command: 0 every article analysed;
1 some articles are error rows (or a partition is left for the next run);
2 the command line or the output folder is wrong; 3 no usable pipeline,
or no cluster.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import EXIT_ENGINE, EXIT_INPUT, EXIT_USAGE, error


def run_corpus_command(
    files: list[str],
    output: Path | None,
    *,
    fmt: str,
    model: str | None,
    jobs: int,
    cluster: str | None,
    text_column: str,
    id_column: str | None,
    restart: bool,
) -> int:
    from ..corpus.inputs import Columns
    from ..corpus.runner import CorpusError, run_corpus
    from ..pipeline import ModelError

    if output is None:
        error(f"--format {fmt} with --cluster or --restart writes a folder of part files: add -o DIR"
              if fmt != "parquet" else "--format parquet writes a folder of tables: add -o DIR")
        return EXIT_USAGE
    if cluster is not None and jobs > 1:
        error("--jobs and --cluster do not go together: a cluster's workers are its processes")
        return EXIT_USAGE
    columns = Columns(text=text_column, id=id_column or None)
    try:
        summary = run_corpus(files, output, model=model, columns=columns, jobs=jobs, cluster=cluster, restart=restart,
                              fmt=fmt)
    except ModelError as exc:
        error(str(exc))
        return EXIT_ENGINE
    except CorpusError as exc:
        error(str(exc))
        return exc.exit_code
    # the bar is gone (or was never drawn): one line says how the run ended
    error(f"{summary.line}; {output}")
    if summary.errors:
        error(f"{summary.errors:,} article{'s' if summary.errors != 1 else ''} could not be analysed: see {output}/errors")
    sys.stderr.flush()
    return EXIT_INPUT if summary.errors or summary.failed else 0
