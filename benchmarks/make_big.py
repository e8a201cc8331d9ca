"""Build a big article by repeating the samples' paragraphs.

    python benchmarks/make_big.py OUT.txt --bytes 1000000

The result is plain UTF-8 text, paragraphs separated by blank lines, made
only of the openly licensed articles in ``samples/`` (not ``hostile.txt``),
and at most ``--bytes`` long.  It is written outside the repository by the
performance benchmark and never committed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
#: just under the reader's 10 MiB limit
TEN_MIB = 10 * 1024 * 1024 - 4096


def sample_paragraphs(samples: Path = SAMPLES) -> list[str]:
    """Every paragraph of every openly licensed text sample, in file order."""
    paragraphs: list[str] = []
    for path in sorted(samples.glob("*.txt")):
        if path.name == "hostile.txt":
            continue
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    return paragraphs


def make_big(out: Path, size: int, *, first: Path | None = None) -> Path:
    """Write an article of at most ``size`` bytes; ``first``'s paragraphs open it."""
    pool = sample_paragraphs()
    if first is not None:
        lead = [p.strip() for p in first.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        pool = lead + [p for p in pool if p not in lead]
    parts: list[str] = []
    total = 0
    i = 0
    while True:
        piece = pool[i % len(pool)].encode("utf-8")
        extra = len(piece) + (2 if parts else 0)
        if total + extra > size:
            break
        parts.append(pool[i % len(pool)])
        total += extra
        i += 1
    out.write_text("\n\n".join(parts), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--bytes", type=int, default=1_000_000, help="largest size (default 1000000; 10 MiB = %d)" % TEN_MIB)
    args = ap.parse_args()
    make_big(args.out, args.bytes)
    print(f"{args.out}: {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
