"""What one commit costs: a batch of articles committed into a store, without the model.

    .venv/bin/python benchmarks/commit_batch.py STORE SOURCE_STORE ARTICLES.jsonl [--commit-every N]

Ingests ARTICLES.jsonl (one article per line, as ``azdiplo ingest`` reads
JSON Lines) into STORE in one commit (or commits of N articles), the
extraction replaced by a lookup of each article's mentions and actors in
SOURCE_STORE, where the real pipeline stored them: the run does everything
``azdiplo ingest`` does but the NLP. An article ``ID~K`` not in SOURCE_STORE
is a copy of ``ID`` under a new id (benchmarks/run.py repeats a slice of the
corpus that way): its mentions are those of ``ID``. Prints one JSON line:
the seconds the commits took (lookups, re-merge, segment and generation
written), the process's peak resident memory, and what the commits changed.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import orjson


def main(argv: list[str]) -> int:
    store_path, source_path, articles = (Path(a) for a in argv[1:4])
    every = int(argv[argv.index("--commit-every") + 1]) if "--commit-every" in argv else 10**9
    from azdiplo import ingest as ingest_mod
    from azdiplo.extract import ArticleResult
    from azdiplo.models import Mention
    from azdiplo.store import Store

    with Store(source_path).lookup() as source:

        def replay(found, *, info, **_):
            info["model"] = None
            for article in found:
                original = article.id
                row = source.article(original)
                if row is None and "~" in original:
                    original = original.rsplit("~", 1)[0]
                    row = source.article(original)
                if row is None:
                    raise SystemExit(f"{article.id} is not in {source_path}")
                mentions = [Mention.from_dict(m) for m in source.mentions_of(original)]
                for m in mentions:
                    m.article = article.id
                yield ArticleResult(article, mentions=mentions, actors=row.get("actors", []))

        timing: dict[str, float] = {}
        real_commit = ingest_mod._commit

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            real_commit(*args, **kwargs)
            timing["commit"] = timing.get("commit", 0.0) + time.perf_counter() - t0

        ingest_mod._run, ingest_mod._commit = replay, timed
        before = Store(store_path).info()["counts"] if Store(store_path).exists() else {"events": 0}
        t0 = time.perf_counter()
        summary = ingest_mod.ingest([str(articles)], store=Store(store_path), commit_every=every)
        total = time.perf_counter() - t0
    after = Store(store_path).info()["counts"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(orjson.dumps({
        "articles": summary.read, "extracted": summary.extracted, "commits": summary.commits,
        "commit_s": round(timing.get("commit", 0.0), 3), "ingest_s": round(total, 3), "peak_rss_mb": round(peak, 1),
        "events_before": before["events"], "events_after": after["events"], "new_events": summary.new_events,
        "merged": summary.merged_mentions,
    }).decode() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
