"""Where ingest's CPU goes: each pipeline component timed alone, the pipeline built once.

    .venv/bin/python benchmarks/components.py PATHS... [--limit N] [--batch-size 32] [--profile OUT [--only NAME]]

Reads the articles as ``azdiplo ingest`` does, then, batch by batch, runs the
tokenizer, each component of the pipeline in turn (its ``pipe`` over the whole
batch) and the turning of the Docs into plain values (``extract.result_of``),
and prints the CPU seconds of each with its share of the statistical model's.
``--profile`` writes a cProfile of azdiplo's components (or of the one named
by ``--only``) and prints its top functions. Nothing is written to a store.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+")
    p.add_argument("--limit", type=int, default=0, help="only the first N articles")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--profile", help="write a cProfile of azdiplo's components here")
    p.add_argument("--only", default="", help="profile this component (or result_of) alone")
    args = p.parse_args(argv)

    t0 = time.process_time()
    from azdiplo.corpus import iter_articles
    from azdiplo.extract import make_doc, result_of
    from azdiplo.models import Article
    from azdiplo.nlp.pipeline import build

    nlp = build(None)
    t1 = time.process_time()
    articles = [a for a in iter_articles(args.paths) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    cpu: dict[str, float] = defaultdict(float)
    prof = cProfile.Profile() if args.profile else None

    def profiled(name: str) -> bool:
        return prof is not None and (name == args.only if args.only else name.startswith("azdiplo_") or name == "result_of")

    for i in range(0, len(articles), args.batch_size):
        batch = articles[i : i + args.batch_size]
        s = time.process_time()
        docs = [make_doc(nlp, a) for a in batch]
        cpu["tokenizer (make_doc)"] += time.process_time() - s
        for name, proc in nlp.pipeline:
            s = time.process_time()
            if profiled(name):
                prof.enable()
            docs = list(proc.pipe(docs, batch_size=args.batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            if profiled(name):
                prof.disable()
            cpu[name] += time.process_time() - s
        s = time.process_time()
        if profiled("result_of"):
            prof.enable()
        for doc, article in zip(docs, batch):
            result_of(doc, article).to_dict()
        if profiled("result_of"):
            prof.disable()
        cpu["result_of (Doc to plain values)"] += time.process_time() - s

    model = sum(v for k, v in cpu.items() if not k.startswith(("azdiplo_", "result_of")))
    out = sys.stdout
    out.write(f"{len(articles)} articles; building the pipeline {t1 - t0:.1f} CPU s\n")
    for name, v in cpu.items():
        out.write(f"{name:32s} {v:7.2f}  {100 * v / model:5.1f}%\n")
    out.write(f"{'the model':32s} {model:7.2f}\n{'azdiplo':32s} {sum(cpu.values()) - model:7.2f}"
              f"  {100 * (sum(cpu.values()) - model) / model:5.1f}%\n")
    if prof is not None:
        prof.dump_stats(args.profile)
        pstats.Stats(args.profile, stream=out).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
