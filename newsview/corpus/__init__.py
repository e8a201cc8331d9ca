"""Corpus runs: many articles analysed in partitions, on this machine
(``--jobs``) or on a Dask cluster (``--cluster``), into a Parquet dataset
or JSONL shards.

* :mod:`.inputs` turns files, folders, globs and JSONL/CSV/Parquet tables into
  articles (``Item``), in a stable order;
* :mod:`.partition` groups them into partitions of about the same number of words;
* :mod:`.work` analyses one partition into compact rows or JSON lines (:mod:`.rows`);
* :mod:`.shards` writes a partition's files, atomically: Parquet (:mod:`.parquet`,
  one file per table) or JSONL;
* :mod:`.manifest` records finished partitions so a rerun skips them;
* :mod:`.local` and :mod:`.dask_run` run partitions in processes or on Dask;
* :mod:`.runner` ties them together, with :mod:`newsview.progress` on the terminal
  (``--format parquet|jsonl -o DIR`` on the command line is :mod:`newsview.cli.run_corpus`).

Dask and pyarrow (the ``cluster`` extra) are imported only here, and only
when a corpus run needs them: ``newsview FILE`` never loads them.
"""
