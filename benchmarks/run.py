"""azdiplo's performance benchmark: one command, every measurement of BENCHMARKS.md.

    .venv/bin/python benchmarks/run.py              # the full run (about 40 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick      # a subset of everything (a few minutes)
    .venv/bin/python benchmarks/run.py --sections ingest,query

Sections (each can run alone; results merge into benchmarks/results/latest.json
and the tables of BENCHMARKS.md are rewritten from it):

- ``machine``   what ran the benchmark;
- ``ingest``    ``azdiplo ingest`` with 1 and N workers and with the Dask
                engine (a local cluster of N workers) against raw
                ``nlp.pipe`` of the same model on the same texts
                (benchmarks/raw_pipe.py); articles/s, words/s, CPU seconds,
                ratios, and whether the stores export the same bytes;
- ``same``      the ingest-level work without the model (each article's
                mentions looked up in the 1-worker store): ``--commit-every 1``,
                the default, and the inputs in reverse order; whether each
                store exports the same bytes as the real ingest, and the time;
- ``memory``    peak memory of ingest on 1x, 4x and 16x a slice of the corpus
                (the articles repeated with new ids);
- ``query``     ``azdiplo events --actor X --since Y --format json`` on
                synthetic stores of 10k, 100k and 1M events against ``jq``
                with the same filter over the same events as JSON Lines;
- ``commit``    a commit of 100 new articles (with their mentions) into the
                synthetic stores of 10k, 100k and 1M events, three times
                each (benchmarks/commit_batch.py): seconds and peak memory;
- ``startup``   ``azdiplo --help`` and ``azdiplo events`` on an empty store.

Every command is timed from outside as a whole process (start-up included),
several times where the run is short; medians are reported. CPU seconds are
the kernel's for the main process plus /proc's for its descendants. Peak
memory is sampled from /proc every 50 ms (2 ms for the short start-up
commands) over the whole process tree: the main process, the largest single
process and the sum. The corpus is read from ``../shared/bench-corpus`` and
never copied into the repository; generated inputs and stores go to a
temporary directory, removed at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
RESULTS = BENCH / "results"
DOC = REPO / "BENCHMARKS.md"
PY = sys.executable
AZDIPLO = [PY, "-c", "import sys; from azdiplo.cli import main; sys.argv[0] = 'azdiplo'; main()"]
DEFAULT_CORPUS = REPO.parent / "shared" / "bench-corpus"
SECTIONS = ("machine", "ingest", "same", "memory", "query", "commit", "startup")
START, END = "<!-- results:start -->", "<!-- results:end -->"


# --------------------------------------------------------------------------- measuring


def _tree(root: int) -> list[int]:
    """Pids of ``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """User + system seconds of one process so far, from /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return 0.0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def measure(cmd: list[str], *, stdout=None, env=None, sample: bool = True, timeout: float = 7200,
            poll: float = 0.05) -> dict:
    """Run one command to its end: wall and CPU seconds, peak memory, exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.DEVNULL if stdout is None else stdout
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env, cwd=REPO)
    peak_one = peak_sum = peak_main = 0
    cpu_seen: dict[int, float] = {}  # per process of the tree, its CPU seconds at the last sample
    main_own = 0.0  # the main process's own CPU seconds at the last sample
    stderr_chunks: list[bytes] = []
    import threading

    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    while True:
        done, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if done:
            break
        if sample:
            pids = _tree(proc.pid)
            sizes = [_rss(p) for p in pids]
            peak_one, peak_sum = max(peak_one, max(sizes, default=0)), max(peak_sum, sum(sizes))
            peak_main = max(peak_main, sizes[0] if sizes else 0)
            for p in pids[1:]:  # the main process's own CPU comes from wait4
                cpu_seen[p] = max(cpu_seen.get(p, 0.0), _cpu(p))
            main_own = max(main_own, _cpu(proc.pid))
        if time.perf_counter() - t0 > timeout:
            proc.kill()
        time.sleep(poll if sample else 0.01)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": round(wall, 3),
        "cpu": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 3),
        # ru_maxrss of a child forked from this (large) process starts at this process's size:
        # kept for the record, the sampled peaks are the figures
        "maxrss_main_mb": round(usage.ru_maxrss / 1024, 1),
        "peak_one_mb": round(peak_one / 2**20, 1),
        "peak_tree_mb": round(peak_sum / 2**20, 1),
        "peak_main_mb": round(peak_main / 2**20, 1),  # the main process alone, sampled
        # CPU of the main process plus every descendant as last sampled: wait4's rusage
        # of the main process holds the descendants it reaped (Dask's local cluster) but
        # not those reaped by others (the workers of a forkserver); a single process's is exact
        "cpu_tree": round(main_own + sum(cpu_seen.values()) if cpu_seen else usage.ru_utime + usage.ru_stime, 2),
        "cpu_workers": sorted((round(v, 1) for v in cpu_seen.values() if v > 1), reverse=True),
        "exit": proc.returncode,
        "stderr": b"".join(stderr_chunks).decode("utf-8", "replace")[-2000:],
    }


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def log(msg: str) -> None:
    sys.stderr.write(f"[{dt.datetime.now():%H:%M:%S}] {msg}\n")
    sys.stderr.flush()


# --------------------------------------------------------------------------- inputs


def corpus_paths(corpus: Path) -> list[str]:
    return [str(corpus / "reuters21578.jsonl"), str(corpus / "tempeval3.jsonl"), str(corpus / "bbc")]


def subset(corpus: Path, work: Path, reuters: int, tempeval: int, bbc_per_category: int) -> list[str]:
    """The first articles of each source, in the corpus's two shapes, under ``work``."""
    dest = work / "subset"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name, n in (("reuters21578.jsonl", reuters), ("tempeval3.jsonl", tempeval)):
        with open(corpus / name, "rb") as src, open(dest / name, "wb") as out:
            for i, line in enumerate(src):
                if i >= n:
                    break
                out.write(line)
    for category in sorted(p.name for p in (corpus / "bbc").iterdir() if p.is_dir()):
        (dest / "bbc" / category).mkdir(parents=True)
        for f in sorted((corpus / "bbc" / category).glob("*.txt"))[:bbc_per_category]:
            shutil.copyfile(f, dest / "bbc" / category / f.name)
    return corpus_paths(dest)


def repeated(corpus: Path, work: Path, base: int, times: int, *, new_ids: bool = True) -> Path:
    """``times`` copies of the first ``base`` JSON Lines articles of the corpus, each copy with new ids (``ID~K``)."""
    records = []
    with open(corpus / "reuters21578.jsonl", "rb") as f:
        for line in f:
            if len(records) >= base * 3 // 4:
                break
            records.append(json.loads(line))
    with open(corpus / "tempeval3.jsonl", "rb") as f:
        for line in f:
            if len(records) >= base:
                break
            records.append(json.loads(line))
    out = work / f"repeat-{base}x{times}{'' if new_ids else '-as-is'}.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for k in range(times):
            for r in records:
                f.write(json.dumps({**r, "id": f"{r['id']}~{k}"} if new_ids else r) + "\n")
    return out


def count_words(paths: list[str]) -> tuple[int, int]:
    sys.path.insert(0, str(BENCH))
    from raw_pipe import texts

    n = words = 0
    for t in texts(paths):
        n += 1
        words += len(t.split())
    return n, words


# --------------------------------------------------------------------------- sections


def section_machine(args) -> dict:
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // 1024
    import spacy

    from azdiplo import __version__
    from azdiplo.nlp.pipeline import resolve_model

    model = resolve_model(None)
    jq = subprocess.run(["jq", "--version"], capture_output=True, text=True).stdout.strip() if shutil.which("jq") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": model,
        "model_version": _model_version(model),
        "azdiplo": __version__,
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                 text=True).stdout.strip(),
        "jq": jq,
    }


def _model_version(model: str) -> str | None:
    from importlib import metadata

    for name in (model, model.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def section_ingest(args, work: Path, state: dict) -> dict:
    if args.slice:
        n = args.slice  # the corpus's mix: 60% Reuters, 20% TempEval, 20% BBC (its five categories alike)
        paths = subset(args.corpus, work, n * 3 // 5, n // 5, n // 25)
    else:
        paths = corpus_paths(args.corpus) if not args.quick else subset(args.corpus, work, 300, 100, 20)
    articles, words = count_words(paths)
    log(f"ingest: {articles} articles, {words} words; {args.ingest_runs} run(s) of raw, 1 worker, {args.workers} workers,"
        f" Dask with {args.workers} workers")
    runs: dict[str, list[dict]] = {"raw": [], "w1": [], f"w{args.workers}": [], "dask": []}
    digests: dict[str, set[str]] = {k: set() for k in runs if k != "raw"}
    summaries: dict[str, dict] = {}
    for run in range(args.ingest_runs):
        for key in runs:  # interleaved, so a drift of the machine's speed hits all three alike
            if key == "raw":
                cmd = [PY, str(BENCH / "raw_pipe.py"), *paths]
            else:
                store = work / f"ingest-{key}"
                shutil.rmtree(store, ignore_errors=True)
                cmd = [*AZDIPLO, "ingest", *paths, "--store", str(store), "-q", "--json"]
                cmd += ["--engine", "dask", "--workers", str(args.workers)] if key == "dask" else ["--workers", key[1:]]
            with open(work / "out.json", "wb") as out:
                r = measure(cmd, stdout=out)
            r["output"] = _json_line(work / "out.json")
            r["load_after"] = round(os.getloadavg()[0], 1)
            log(f"  {key} run {run + 1}: {r['wall']:.1f}s wall, {r['cpu_tree']:.1f}s cpu {r['cpu_workers']}, "
                f"peak {r['peak_tree_mb']:.0f} MB, load {os.getloadavg()[0]:.1f}"
                f" (exit {r['exit']})")
            if r["exit"] != 0:
                raise SystemExit(f"{key} failed: {r['stderr']}")
            runs[key].append(r)
            if key != "raw":
                summaries[key] = r["output"]
                digests[key].add(_export_digest(work / f"ingest-{key}"))
    state["ingest_store"], state["ingest_paths"] = work / "ingest-w1", paths
    med = {k: median([r["wall"] for r in v]) for k, v in runs.items()}
    wn = f"w{args.workers}"
    pairs = lambda a, b: [x["wall"] / y["wall"] for x, y in zip(runs[a], runs[b])]  # noqa: E731
    return {
        "quick": args.quick,
        "slice": args.slice,
        "articles": articles,
        "words": words,
        "workers": args.workers,
        "runs": args.ingest_runs,
        "median_wall": med,
        "median_cpu": {k: median([r["cpu_tree"] for r in v]) for k, v in runs.items()},
        "cpu_ratio_w1_vs_raw": round(median([y["cpu_tree"] / x["cpu_tree"] for x, y in zip(runs["w1"], runs["raw"])]), 3),
        "articles_per_s": {k: round(articles / v, 1) for k, v in med.items()},
        "words_per_s": {k: round(words / v) for k, v in med.items()},
        "ratio_w1_vs_raw": round(median([1 / x for x in pairs("w1", "raw")]), 3),  # throughput ratio
        "ratio_wn_vs_w1": round(median([1 / x for x in pairs(wn, "w1")]), 3),
        "ratio_wn_vs_raw": round(median([1 / x for x in pairs(wn, "raw")]), 3),
        "ratio_dask_vs_w1": round(median([1 / x for x in pairs("dask", "w1")]), 3),
        "raw_load_seconds": median([r["output"]["load_seconds"] for r in runs["raw"]]),
        "raw_pipe_seconds": median([r["output"]["pipe_seconds"] for r in runs["raw"]]),
        "peak_tree_mb": {k: max(r["peak_tree_mb"] for r in v) for k, v in runs.items()},
        "same_events": len(digests["w1"] | digests[wn]) == 1,
        "same_export": {k: digests[k] == digests["w1"] and len(digests[k]) == 1 for k in digests},
        "events": summaries["w1"].get("events_after"),
        "mentions": summaries["w1"].get("mentions"),
        "commits": summaries["w1"].get("commits"),
        "all": runs,
    }


def _json_line(path: Path) -> dict:
    """The JSON a command printed: one document (indented or not), else its last line."""
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


def _export_digest(store: Path) -> str:
    """A digest of what ``azdiplo export`` writes of the store's events, articles and mentions (JSON Lines)."""
    import io

    from azdiplo.store import Store

    h = hashlib.sha256()
    for what in ("events", "articles", "mentions"):
        buf = io.StringIO()
        Store(store).export(what, "jsonl", buf)
        h.update(what.encode() + b"\0" + buf.getvalue().encode())
    return h.hexdigest()


def _events_digest(store: Path, ids: bool = True) -> str:
    """A digest of the store's events; ``ids=False`` leaves out event ids, which depend on the commit batches."""
    from azdiplo.store import Store

    rows = []
    for e in Store(store).iter_events():
        if not ids:
            e = {k: v for k, v in e.items() if k != "id"}
        rows.append(json.dumps(e, sort_keys=True))
    return hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()


def _source_store(args, work: Path, state: dict) -> tuple[Path, list[str]]:
    """The store of a real ingest (the ingest section's, else a subset ingested now) and its input paths."""
    source, paths = state.get("ingest_store"), state.get("ingest_paths")
    if source and Path(source).exists():
        return Path(source), paths
    if args.reuse and (args.reuse / "source" / "CURRENT").exists():
        return args.reuse / "source", corpus_paths(args.reuse / "subset")
    source = work / "source"
    if not (source / "CURRENT").exists():
        log("no ingest store from this run; ingesting a subset first")
        shutil.rmtree(source, ignore_errors=True)
        # TempEval's news reports events most often (one article in five against one in twenty of
        # Reuters'): enough articles with events for the commit section's batches of 100
        paths = subset(args.corpus, work, 300, 1500, 20)
        r = measure([*AZDIPLO, "ingest", *paths, "--store", str(source), "-q", "--workers", str(args.workers)])
        if r["exit"] != 0:
            raise SystemExit(f"ingest failed: {r['stderr']}")
        state["ingest_store"], state["ingest_paths"] = source, paths
    return source, state["ingest_paths"]


def _reversed(paths: list[str]) -> list[str]:
    """The same inputs in reverse order: folders' subfolders given one by one, last first."""
    out = []
    for p in reversed(paths):
        path = Path(p)
        subfolders = sorted(q for q in path.iterdir() if q.is_dir()) if path.is_dir() else []
        out += [str(q) for q in reversed(subfolders)] or [p]
    return out


def section_same(args, work: Path, state: dict) -> dict:
    """Ingest again without the model: the same store byte for byte, however the commits are cut or ordered.

    The extraction step (``ingest._run``) is replaced by a lookup of each
    article's mentions and actors in the store of a real ingest, so the run
    does all the work of ``azdiplo ingest`` but the NLP.
    """
    from azdiplo import ingest as ingest_mod
    from azdiplo.extract import ArticleResult
    from azdiplo.models import Mention
    from azdiplo.store import Store

    source, paths = _source_store(args, work, state)
    info = Store(source).info()["counts"]
    out = {"articles": info["articles"], "mentions": info["mentions"], "events": info["events"], "runs": {}}
    real = _export_digest(source)
    reference = None  # the first replay's: the others must give its bytes

    with Store(source).lookup() as stored:

        def replay(articles, *, info, **_):
            info["model"] = None
            for article in articles:
                row = stored.article(article.id)
                yield ArticleResult(article, mentions=[Mention.from_dict(m) for m in stored.mentions_of(article.id)],
                                    actors=row.get("actors", []))

        real_run = ingest_mod._run
        ingest_mod._run = replay
        try:
            for key, inputs, every in (("default", paths, 2000), ("commit-every-1", paths, 1),
                                       ("reversed", _reversed(paths), 2000)):
                target = Store(work / f"same-{key}")
                shutil.rmtree(target.path, ignore_errors=True)
                t0 = time.perf_counter()
                summary = ingest_mod.ingest(inputs, store=target, commit_every=every)
                total = time.perf_counter() - t0
                stats = target.stats()
                digest = _export_digest(target.path)
                reference = reference or digest
                out["runs"][key] = {"commits": summary.commits, "seconds": round(total, 1),
                                    "same_export": digest == reference, "same_as_real": digest == real,
                                    "segments": stats["segments"], "dead_rows": stats["dead_rows"]}
                log(f"same: {key}: {summary.commits} commits, {total:.1f}s, same export: "
                    f"{out['runs'][key]['same_export']}")
                shutil.rmtree(target.path, ignore_errors=True)
        finally:
            ingest_mod._run = real_run
    return out


def section_memory(args, work: Path, state: dict) -> dict:
    if not args.memory_with_model:
        return _memory_without_model(args, work, state)
    base = args.memory_base if not args.quick else 100
    out = {"base_articles": base, "workers": args.workers, "sizes": {}}
    for times in (1, 4, 16):
        data = repeated(args.corpus, work, base, times)
        store = work / f"memory-{times}"
        shutil.rmtree(store, ignore_errors=True)
        log(f"memory: {times}x ({base * times} articles)")
        r = _ingest_json(data, store, args.workers, work / "out.json")
        summary = _json_line(work / "out.json")
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
        out["sizes"][f"{times}x"] = {
            "articles": base * times, "wall": r["wall"], "maxrss_main_mb": r["maxrss_main_mb"],
            "peak_main_mb": r["peak_main_mb"],
            "peak_one_mb": r["peak_one_mb"], "peak_tree_mb": r["peak_tree_mb"],
            "events": summary.get("events_after"), "mentions": summary.get("mentions"),
            "commits": summary.get("commits"), "store_mb": round(size / 2**20, 1),
        }
        log(f"  {r['wall']:.0f}s, main process {r['peak_main_mb']:.0f} MB, tree {r['peak_tree_mb']:.0f} MB")
        data.unlink()
        shutil.rmtree(store, ignore_errors=True)
    return out


def _ingest_json(data: Path, store: Path, workers: int, out: Path) -> dict:
    """``azdiplo ingest --json`` of ``data`` into ``store``, measured; its summary line written to ``out``."""
    with open(out, "wb") as f:
        r = measure([*AZDIPLO, "ingest", str(data), "--store", str(store), "-q", "--json", "--workers", str(workers)],
                    stdout=f)
    if r["exit"] != 0:
        raise SystemExit(f"ingest failed: {r['stderr']}")
    return r


def _memory_without_model(args, work: Path, state: dict) -> dict:
    """Peak memory of ingest's own process at 1x, 4x and 16x a slice, the extraction replayed.

    The slice goes through the real pipeline once (``--workers N``: its
    processes' peaks are those of any ingest, the model's), or the ingest
    section's 1-worker store is used when it holds the slice (``--reuse``, and
    ``--memory-base`` 4/5 of ``--slice``: the slice's JSON Lines articles),
    with the peaks of its ``--workers N`` run; then each size is
    ingested by benchmarks/commit_batch.py, every copy of an article replaying
    the mentions the pipeline found in it, with the default ``--commit-every``:
    reading, hashing, merging and committing, in one process, sampled alone.
    """
    from azdiplo.store import Store

    base = args.memory_base if not args.quick else 100
    source = work / "memory-source"
    data = repeated(args.corpus, work, base, 1, new_ids=False)
    ingested = state.get("results", {}).get("ingest") or {}
    reused = Path(state["ingest_store"]) if state.get("ingest_store") else args.reuse / "ingest-w1" if args.reuse else None
    runs = ingested.get("all", {}).get(f"w{args.workers}")
    if reused and (reused / "CURRENT").exists() and runs and _holds(reused, data):
        source, r = reused, runs[0]
        log(f"memory: the slice of {base} articles as the ingest section stored it ({reused})")
    else:
        shutil.rmtree(source, ignore_errors=True)
        log(f"memory: the slice of {base} articles through the pipeline")
        r = _ingest_json(data, source, args.workers, work / "out.json")
    out = {"mode": "replay", "base_articles": base, "workers": args.workers, "sizes": {},
           "model_run": {"wall": r["wall"], "peak_main_mb": r["peak_main_mb"], "peak_one_mb": r["peak_one_mb"],
                         "peak_tree_mb": r["peak_tree_mb"]}}
    for times in (1, 4, 16):
        data = repeated(args.corpus, work, base, times)
        store = work / f"memory-{times}"
        shutil.rmtree(store, ignore_errors=True)
        with open(work / "out.json", "wb") as f:
            r = measure([PY, str(BENCH / "commit_batch.py"), str(store), str(source), str(data),
                         "--commit-every", "2000"], stdout=f, poll=0.02)
        if r["exit"] != 0:
            raise SystemExit(f"replayed ingest failed: {r['stderr']}")
        o = _json_line(work / "out.json")
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
        info = Store(store).info()["counts"]
        out["sizes"][f"{times}x"] = {
            "articles": base * times, "wall": r["wall"], "peak_main_mb": r["peak_main_mb"],
            "commits": o["commits"], "commit_s": o["commit_s"], "events": info["events"],
            "mentions": info["mentions"], "store_mb": round(size / 2**20, 1),
        }
        log(f"  {times}x: {r['wall']:.0f}s, {o['commits']} commits, peak {out['sizes'][f'{times}x']['peak_main_mb']:.0f} MB")
        data.unlink()
        shutil.rmtree(store, ignore_errors=True)
    return out


def _holds(store: Path, data: Path) -> bool:
    """Whether ``store`` holds every article of the JSON Lines file ``data`` (by id)."""
    from azdiplo.store import Store

    with open(data, "rb") as f:
        ids = [str(json.loads(line)["id"]) for line in f if line.strip()]
    with Store(store).lookup() as stored:
        return all(stored.article(i) is not None for i in ids)


def section_query(args, work: Path, state: dict) -> dict:
    if not shutil.which("jq"):
        raise SystemExit("the query section compares with jq: apt-get install -y jq")
    sizes = _sizes(args)
    out = {"sizes": {}}
    for n in sizes:
        store, info, jsonl = _synthetic(args, work, n, jsonl=True)
        verified = None
        if n <= 100_000:
            v = subprocess.run([*AZDIPLO, "store", "verify", "--store", str(store)], capture_output=True, text=True,
                               cwd=REPO)
            verified = v.returncode == 0
        # an actor in about one event in a hundred, and the recent years
        actor_id = info["actors_by_events"][min(12, len(info["actors_by_events"]) - 1)][0]
        from azdiplo.actors import ActorIndex

        actor = ActorIndex.load().get(actor_id)
        since = "2024"
        az = [*AZDIPLO, "events", "--store", str(store), "--actor", actor.name, "--since", since, "--format", "json"]
        jq_filter = (f'select(any(.participants[]; (.id // (.name | ascii_downcase)) == "{actor_id}") '
                     f'and .date != null and ((.date | split("/") | last | .[0:4]) >= "{since}"))')
        jq = ["jq", "-c", jq_filter, str(jsonl)]
        runs = args.query_runs if n < 1_000_000 else max(1, args.query_runs - 3)
        rows = {"azdiplo": [], "jq": []}
        for _ in range(runs):
            for key, cmd in (("azdiplo", az), ("jq", jq)):
                with open(work / f"q-{key}.out", "wb") as f:
                    rows[key].append(measure(cmd, stdout=f))
        found_az = len(json.loads((work / "q-azdiplo.out").read_text() or "[]"))
        found_jq = sum(1 for line in open(work / "q-jq.out", "rb") if line.strip())
        az_med, jq_med = median([r["wall"] for r in rows["azdiplo"]]), median([r["wall"] for r in rows["jq"]])
        out["sizes"][str(n)] = {
            "events": n, "events_mb": round(info["events_bytes"] / 2**20, 1), "verified": verified,
            "actor": actor.name, "since": since, "matches_azdiplo": found_az, "matches_jq": found_jq,
            "azdiplo_s": az_med, "jq_s": jq_med, "runs": runs,
            "ratio_jq_over_azdiplo": round(median([j["wall"] / a["wall"] for a, j in zip(rows["azdiplo"], rows["jq"])]), 2),
            "azdiplo_peak_mb": max(r["peak_one_mb"] for r in rows["azdiplo"]),
            "jq_peak_mb": max(r["peak_one_mb"] for r in rows["jq"]),
            "azdiplo_exit": rows["azdiplo"][-1]["exit"],
        }
        log(f"  azdiplo {az_med:.2f}s ({found_az} events), jq {jq_med:.2f}s ({found_jq} events)")
        if not args.synth_dir:
            state.setdefault("synth", {})[n] = store  # the commit section commits into it
            jsonl.unlink()
    return out


def _sizes(args) -> list[int]:
    if args.sizes:
        return [int(x) for x in args.sizes.split(",")]
    return [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]


def _synthetic(args, work: Path, n: int, *, jsonl: bool = False) -> tuple[Path, dict, Path]:
    """A synthetic store of ``n`` events, synth_store.py's summary of it, and (``jsonl``) its events as JSON Lines.

    In ``work``, or made once in ``--synth-dir`` and reused by later runs
    (a million events take most of an hour to generate on a busy machine).
    """
    folder = args.synth_dir or work
    folder.mkdir(parents=True, exist_ok=True)
    store, summary, lines = folder / f"synth-{n}", folder / f"synth-{n}.json", folder / f"synth-{n}.jsonl"
    if not (args.synth_dir and (store / "CURRENT").exists()):
        shutil.rmtree(store, ignore_errors=True)
        t = time.perf_counter()
        gen = subprocess.run([PY, str(BENCH / "synth_store.py"), str(store), "--events", str(n),
                              *(["--jsonl", str(lines)] if jsonl else [])],
                             capture_output=True, text=True, cwd=REPO, check=True)
        summary.write_text(gen.stdout)
        log(f"generated a synthetic store of {n:,} events in {time.perf_counter() - t:.0f}s")
    else:  # kept from an earlier run: stamped with this merge_version, or its first commit would merge it all
        gen = subprocess.run([PY, str(BENCH / "synth_store.py"), str(store), "--restamp"],
                             capture_output=True, text=True, cwd=REPO, check=True)
        stamp = json.loads(gen.stdout)
        if stamp["was"] != stamp["merge_version"]:
            log(f"stamped the synthetic store of {n:,} events with merge_version {stamp['merge_version']}")
    if args.synth_dir and (store / "CURRENT").exists() and (not summary.exists() or (jsonl and not lines.exists())):
        t = time.perf_counter()
        gen = subprocess.run([PY, str(BENCH / "synth_store.py"), str(store), "--describe",
                              *(["--jsonl", str(lines)] if jsonl else [])],
                             capture_output=True, text=True, cwd=REPO, check=True)
        summary.write_text(gen.stdout)
        log(f"described the synthetic store of {n:,} events in {time.perf_counter() - t:.0f}s")
    return store, json.loads(summary.read_text()), lines


def _linked_copy(store: Path, dest: Path) -> Path:
    """A copy of a store to commit into, its immutable files hard-linked (a commit writes only new files)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(store, dest, copy_function=os.link, ignore=shutil.ignore_patterns("CURRENT", "lock"))
    shutil.copyfile(store / "CURRENT", dest / "CURRENT")
    return dest


def _synth(args, work: Path, state: dict, n: int) -> Path:
    """A synthetic store of ``n`` events to commit into (removed by the caller)."""
    if args.synth_dir:
        return _linked_copy(_synthetic(args, work, n)[0], work / f"commit-{n}")
    store = state.get("synth", {}).get(n)
    if store and Path(store).exists():
        return Path(store)
    return _synthetic(args, work, n)[0]


def _batches(args, work: Path, state: dict, count: int, size: int) -> list[Path]:
    """``count`` JSON Lines files of ``size`` articles each that the real ingest found events in."""
    from azdiplo.store import Store

    from azdiplo.corpus import InputProblem, iter_articles

    source, paths = _source_store(args, work, state)
    with Store(source).lookup() as stored:
        found = []
        for article in iter_articles(paths):
            if isinstance(article, InputProblem) or not hasattr(article, "text"):
                continue
            if stored.article(article.id) is not None and stored.mentions_of(article.id):
                found.append(article)
                if len(found) >= count * size:
                    break
    size = min(size, len(found) // count)
    if size == 0:
        raise SystemExit(f"the source store holds only {len(found)} articles with events: too few batches")
    out = []
    for b in range(count):
        path = work / f"batch-{b}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for a in found[b * size : (b + 1) * size]:
                f.write(json.dumps({"id": a.source_id, "text": a.text, "title": a.title, "url": a.url,
                                    "published": a.published}) + "\n")
        out.append(path)
    return out


def section_commit(args, work: Path, state: dict) -> dict:
    """A commit of 100 new articles into stores of 10k, 100k and 1M events: what it costs, and whether that grows."""
    from azdiplo.store import Store

    source, _ = _source_store(args, work, state)
    sizes = _sizes(args)
    batches = _batches(args, work, state, args.commit_runs, args.commit_articles)
    size = sum(1 for _ in open(batches[0], "rb"))
    out = {"articles": size, "runs": args.commit_runs, "sizes": {}}
    for n in sizes:
        store = _synth(args, work, state, n)
        rows = []
        for batch in batches:
            with open(work / "commit.json", "wb") as f:
                r = measure([PY, str(BENCH / "commit_batch.py"), str(store), str(source), str(batch)], stdout=f)
            if r["exit"] != 0:
                raise SystemExit(f"commit failed: {r['stderr']}")
            r["output"] = _json_line(work / "commit.json")
            rows.append(r)
            o = r["output"]
            log(f"commit: into {o['events_before']:,} events: {o['commit_s']:.2f}s in the commit, "
                f"{r['wall']:.2f}s the process, peak {r['peak_main_mb']:.0f} MB")
        stats = Store(store).stats()
        out["sizes"][str(n)] = {
            "events": n, "commit_s": median([r["output"]["commit_s"] for r in rows]),
            "process_s": median([r["wall"] for r in rows]),
            # sampled: the child's own ru_maxrss starts at this (larger) process's size when forked
            "peak_mb": max(r["peak_main_mb"] for r in rows),
            "events_changed": [r["output"]["events_after"] - r["output"]["events_before"] for r in rows],
            "new_events": [r["output"]["new_events"] for r in rows], "merged": [r["output"]["merged"] for r in rows],
            "segments": stats["segments"], "load": round(os.getloadavg()[0], 1),
        }
        shutil.rmtree(store, ignore_errors=True)
    return out


def section_startup(args, work: Path, state: dict) -> dict:
    from azdiplo.store import Store

    empty = Store(work / "empty-store")
    shutil.rmtree(empty.path, ignore_errors=True)
    with empty.writer() as w:
        w.commit()
    out = {}
    for key, cmd in (("help", [*AZDIPLO, "--help"]),
                     ("events_empty", [*AZDIPLO, "events", "--store", str(empty.path), "--format", "json"]),
                     ("python", [PY, "-c", "pass"])):
        rows = [measure(cmd, sample=False) for _ in range(args.startup_runs + 1)][1:]  # the first warms the caches
        peak = measure(cmd, poll=0.002)["peak_main_mb"]  # sampled often, in a run of its own
        out[key] = {"median_s": median([r["wall"] for r in rows]), "min_s": min(r["wall"] for r in rows),
                    "max_s": max(r["wall"] for r in rows), "peak_mb": peak}
        log(f"startup: {key} {out[key]['median_s']:.3f}s")
    probe = ("import sys; from azdiplo.cli import main; sys.argv = ['azdiplo', 'events', '--store', sys.argv[1],"
             " '--format', 'json']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "heavy = ('spacy', 'thinc', 'numpy', 'rich', 'jsonschema', 'pydantic', 'rapidfuzz', 'dateutil')\n"
             "sys.stderr.write(' '.join(m for m in heavy if m in sys.modules))")
    r = subprocess.run([PY, "-X", "importtime", "-c", probe, str(empty.path)], capture_output=True, text=True, cwd=REPO)
    lines = r.stderr.strip().splitlines()
    out["events_imports_heavy"] = lines[-1].split() if lines and not lines[-1].startswith("import time") else []
    top = []
    for line in lines:
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (p.strip() for p in line[len("import time:"):].split("|"))
            if cumulative.isdigit() and name and not name.startswith(" "):
                top.append((int(cumulative), name.strip()))
    out["events_top_imports_ms"] = [[name, round(us / 1000, 1)] for us, name in sorted(top, reverse=True)[:8]]
    return out


# --------------------------------------------------------------------------- report


def render(results: dict) -> str:
    """The generated part of BENCHMARKS.md."""
    L: list[str] = []
    m = results.get("machine")
    if m:
        L += ["### Machine", "",
              f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; Python {m['python']}, "
              f"spaCy {m['spacy']}, model {m['model']} {m['model_version']}; azdiplo {m['azdiplo']} at commit "
              f"{m['commit']}; {m.get('jq') or 'no jq'}. Measured {results['machine_at']}.", "",
              "Load average (1, 5, 15 min) when each section started, a sign of other work on the machine: "
              + "; ".join(f"{k[:-5]} {' / '.join(str(x) for x in v)}" for k, v in results.items()
                          if k.endswith("_load") and k[:-5] in SECTIONS) + ".", ""]
    g = results.get("ingest")
    if g:
        wn = f"w{g['workers']}"
        L += ["### Ingest throughput", "",
              f"{_scope(g)}: {g['articles']:,} articles, {g['words']:,} words; "
              f"{g['runs']} run(s) of each, interleaved; whole processes (model loading included). "
              f"Measured {results['ingest_at']}.", "",
              "| command | median wall s | articles/s | words/s | CPU s (all processes) | peak memory (all processes) MB |",
              "|---|---:|---:|---:|---:|---:|"]
        for key, label in (("raw", "raw `nlp.pipe` (benchmarks/raw_pipe.py)"), ("w1", "`azdiplo ingest`"),
                           (wn, f"`azdiplo ingest --workers {g['workers']}`"),
                           ("dask", f"`azdiplo ingest --engine dask --workers {g['workers']}` (a local cluster)")):
            if key not in g["median_wall"]:
                continue
            L.append(f"| {label} | {g['median_wall'][key]:.1f} | {g['articles_per_s'][key]:.1f} | "
                     f"{g['words_per_s'][key]:,} | {g['median_cpu'][key]:.1f} | {g['peak_tree_mb'][key]:.0f} |")
        L += ["",
              f"- ingest / raw throughput by CPU seconds: **{g['cpu_ratio_w1_vs_raw']:.3f}** (goal >= 0.9: "
              f"{_met(g['cpu_ratio_w1_vs_raw'] >= 0.9)}); by wall time {g['ratio_w1_vs_raw']:.3f}. Both commands "
              f"are single processes, so CPU seconds measure their work whatever else ran on the machine; "
              f"the wall-time ratio is only as good as the load averages below were equal",
              f"- {g['workers']} workers / 1 worker: **{g['ratio_wn_vs_w1']:.2f}x** (goal >= 1.8: "
              f"{_met(g['ratio_wn_vs_w1'] >= 1.8)}); {g['workers']} workers / raw: {g['ratio_wn_vs_raw']:.2f}x",
              *([f"- Dask, a local cluster of {g['workers']} workers / 1 local worker: **{g['ratio_dask_vs_w1']:.2f}x** "
                 f"(goal >= 1.6: {_met(g['ratio_dask_vs_w1'] >= 1.6)})"] if "ratio_dask_vs_w1" in g else []),
              "- the same export (events, articles, mentions) byte for byte as 1 worker: "
              + ", ".join(f"{k} **{'yes' if v else 'NO'}**" for k, v in g.get("same_export", {}).items() if k != "w1")
              + f" ({g['events']:,} events from {g['mentions']:,} mentions, {g['commits']} commits)",
              f"- raw: model load {g['raw_load_seconds']:.1f} s, `nlp.pipe` {g['raw_pipe_seconds']:.1f} s",
              "- CPU seconds per wall second of each run (1.0 for a single process that had a core to itself; "
              "less when other work took the machine): "
              + ", ".join(f"{k} {r['cpu_tree'] / r['wall']:.2f}" for k in runs_order(g) for r in g["all"][k])]
        busiest = [max(r["cpu_workers"] or [r["cpu_tree"]]) for r in g["all"][wn]]
        w1_cpu = [r["cpu_tree"] for r in g["all"]["w1"]]
        if busiest and w1_cpu:
            L.append(f"- {g['workers']} workers by CPU: the busiest process used {median(busiest):.0f} s of CPU, so on "
                     f"{g['workers']} otherwise idle cores the run would take about that long: "
                     f"**{median(w1_cpu) / median(busiest):.2f}x** the 1-worker CPU time of {median(w1_cpu):.0f} s")
        busiest_dask = [max(r["cpu_workers"] or [r["cpu_tree"]]) for r in g["all"].get("dask", [])]
        if busiest_dask and w1_cpu:
            L.append(f"- Dask by CPU, the same way: the busiest process used {median(busiest_dask):.0f} s of CPU: "
                     f"**{median(w1_cpu) / median(busiest_dask):.2f}x** the 1-worker CPU time")
        L.append("")
    c = results.get("same")
    if c:
        L += ["### The same store however it is made", "",
              f"`ingest()` on the same inputs with the extraction replaced by a lookup of each article's mentions in "
              f"the store of the real 1-worker ingest ({c['articles']:,} articles, {c['mentions']:,} mentions, "
              f"{c['events']:,} events): reading, hashing, merging and committing, nothing else, cut into commits "
              f"and ordered differently. Measured {results['same_at']}.", "",
              "| run | commits | seconds | segments | dead rows | the same export as the first run, byte for byte | as the real ingest |",
              "|---|---:|---:|---:|---:|---|---|"]
        labels = {"default": "`--commit-every 2000` (the default)", "commit-every-1": "`--commit-every 1`",
                  "reversed": "the inputs in reverse order"}
        for key, b in c["runs"].items():
            real = {True: "yes", False: "no (made by other code)", None: "-"}[b.get("same_as_real")]
            L.append(f"| {labels.get(key, key)} | {b['commits']:,} | {b['seconds']:.1f} | {b['segments']} | "
                     f"{b['dead_rows']:,} | **{'yes' if b['same_export'] else 'NO'}** | {real} |")
        L.append("")
    k = results.get("commit")
    if k:
        L += ["### A commit into a large store", "",
              f"{k['articles']} new articles that the real ingest found events in (their mentions looked up, no "
              f"model: benchmarks/commit_batch.py), committed {k['runs']} times, one batch after the other, into "
              f"synthetic stores (benchmarks/synth_store.py). Seconds of the commit itself (lookups, re-merge, "
              f"segment and generation written) and of the whole process; peak memory of the process. "
              f"Measured {results['commit_at']}.", "",
              "| store events | commit s (median) | process s (median) | peak MB | events added per commit | segments after |",
              "|---:|---:|---:|---:|---|---:|"]
        for n, s in k["sizes"].items():
            L.append(f"| {s['events']:,} | {s['commit_s']:.2f} | {s['process_s']:.2f} | {s['peak_mb']:.0f} | "
                     f"{', '.join(str(x) for x in s['events_changed'])} | {s['segments']} |")
        sizes = list(k["sizes"].values())
        big = sizes[-1]
        L += ["", f"- at {big['events']:,} events: {big['commit_s']:.2f} s and {big['peak_mb']:.0f} MB "
                  f"(goal under 2 s and 300 MB: {_met(big['commit_s'] < 2 and big['peak_mb'] < 300)})"]
        if len(sizes) >= 2:
            a = sizes[0]
            L.append(f"- {big['events'] // a['events']}x the store: the commit takes {big['commit_s'] / max(a['commit_s'], 1e-3):.1f}x "
                     f"the time and {big['peak_mb'] / max(a['peak_mb'], 1):.2f}x the memory")
        L.append("")
    mm = results.get("memory")
    if mm and mm.get("mode") == "replay":
        mr = mm["model_run"]
        L += ["### Peak memory of ingest", "",
              f"A slice of {mm['base_articles']:,} articles (JSON Lines) repeated 1, 4 and 16 times with new ids, "
              f"ingested with the default `--commit-every` by benchmarks/commit_batch.py: ingest's own process "
              f"(reading, hashing, merging, committing), each copy of an article replaying the mentions the "
              f"pipeline found in it. The pipeline's processes are the model's and do not grow with the input: "
              f"the slice itself through `azdiplo ingest --workers {mm['workers']}` peaked at "
              f"{mr['peak_tree_mb']:.0f} MB in all, {mr['peak_one_mb']:.0f} MB its largest process (a worker), "
              f"{mr['peak_main_mb']:.0f} MB its main process. Measured {results['memory_at']}.", "",
              "| corpus | articles | wall s | commits | main process MB | events | mentions | store MB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for k, s in mm["sizes"].items():
            L.append(f"| {k} | {s['articles']:,} | {s['wall']:.1f} | {s['commits']} | {s['peak_main_mb']:.0f} | "
                     f"{s['events']:,} | {s['mentions']:,} | {s['store_mb']:.1f} |")
        one, big = mm["sizes"]["1x"], mm["sizes"]["16x"]
        growth = big["peak_main_mb"] / one["peak_main_mb"]
        tree = (mr["peak_tree_mb"] - mr["peak_main_mb"] + big["peak_main_mb"]) / mr["peak_tree_mb"]
        L += ["", f"- ingest's process, 16x / 1x: **{growth:.2f}x** ({big['peak_main_mb'] - one['peak_main_mb']:+.0f} MB "
                  f"for {big['articles'] - one['articles']:,} more articles and a store "
                  f"{big['store_mb'] / max(one['store_mb'], 0.1):.0f}x as large)",
              f"- all processes of a {mm['workers']}-worker ingest at 16x, its workers as measured at 1x: "
              f"**{tree:.2f}x** of 1x (goal: 16x <= 1.05x of 1x: {_met(tree <= 1.05)})", ""]
    elif mm:
        L += ["### Peak memory of ingest", "",
              f"A slice of {mm['base_articles']:,} articles (JSON Lines) repeated 1, 4 and 16 times with new ids; "
              f"`--workers {mm['workers']}`. Measured {results['memory_at']}.", "",
              "| corpus | articles | wall s | main process MB | largest process MB | all processes MB | events | mentions | store MB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for k, s in mm["sizes"].items():
            main_mb = f"{s['peak_main_mb']:.0f}" if "peak_main_mb" in s else "-"
            L.append(f"| {k} | {s['articles']:,} | {s['wall']:.0f} | {main_mb} | {s['peak_one_mb']:.0f} | "
                     f"{s['peak_tree_mb']:.0f} | {s['events']:,} | {s['mentions']:,} | {s['store_mb']:.1f} |")
        one, big = mm["sizes"]["1x"], mm["sizes"]["16x"]
        growth = big["peak_tree_mb"] / one["peak_tree_mb"]
        L += ["", f"- all processes, 16x / 1x: **{growth:.2f}x**, {big['peak_tree_mb'] - one['peak_tree_mb']:+.0f} MB for "
                  f"{big['articles'] - one['articles']:,} more articles and a store {big['store_mb'] / max(one['store_mb'], 0.1):.0f}x "
                  f"as large (goal: flat, 16x <= 1.05x of 1x: {_met(growth <= 1.05)})", ""]
    q = results.get("query")
    if q:
        L += ["### Query latency", "",
              f"`azdiplo events --actor X --since Y --format json` against `jq -c 'select(...)'` with the same "
              f"filter over the same events as JSON Lines; synthetic stores (benchmarks/synth_store.py). "
              f"Measured {results['query_at']}.", "",
              "| events | events.jsonl MB | actor | matches (azdiplo / jq) | azdiplo s | jq s | jq / azdiplo |",
              "|---:|---:|---|---:|---:|---:|---:|"]
        for n, s in q["sizes"].items():
            L.append(f"| {s['events']:,} | {s['events_mb']:.0f} | {s['actor']} | {s['matches_azdiplo']:,} / "
                     f"{s['matches_jq']:,} | {s['azdiplo_s']:.2f} | {s['jq_s']:.2f} | {s['ratio_jq_over_azdiplo']:.2f} |")
        sizes = list(q["sizes"].values())
        faster = all(s["ratio_jq_over_azdiplo"] > 1 for s in sizes)
        L += ["", f"- faster than jq at every size: **{_met(faster)}**"]
        if len(sizes) >= 2:
            a, b = sizes[0], sizes[-1]
            L.append(f"- {b['events'] // a['events']}x the events: azdiplo {b['azdiplo_s'] / a['azdiplo_s']:.1f}x the "
                     f"time, jq {b['jq_s'] / a['jq_s']:.1f}x")
        L.append("")
    s = results.get("startup")
    if s:
        L += ["### Cold start", "", f"Median of repeated runs, after one warm-up. Measured {results['startup_at']}.", "",
              "| command | median s | min s | max s | peak MB |", "|---|---:|---:|---:|---:|"]
        for key, label in (("python", "`python -c pass` (the floor)"), ("help", "`azdiplo --help`"),
                           ("events_empty", "`azdiplo events` on an empty store")):
            r = s[key]
            L.append(f"| {label} | {r['median_s']:.3f} | {r['min_s']:.3f} | {r['max_s']:.3f} | {r['peak_mb']:.0f} |")
        L += ["", f"- heavy modules imported by `azdiplo events`: {', '.join(s['events_imports_heavy']) or 'none'}",
              "- slowest imports of `azdiplo events` (cumulative ms, `python -X importtime`): "
              + ", ".join(f"{n} {ms}" for n, ms in s["events_top_imports_ms"]), ""]
    return "\n".join(L)


def _scope(g: dict) -> str:
    if g.get("slice"):
        return "A slice of the corpus (its first articles of each source, not the whole corpus)"
    return "Subset" if g["quick"] else "The whole corpus"


def runs_order(g: dict) -> list[str]:
    return [k for k in ("raw", "w1", f"w{g['workers']}", "dask") if k in g["all"]]


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def update_doc(results: dict) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{render(results)}\n{END}{tail}", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="subsets: a few minutes instead of most of an hour")
    p.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--slice", type=int, help="the ingest section on a slice of about N articles, not the whole corpus")
    p.add_argument("--reuse", type=Path, metavar="DIR",
                   help="the source store and subset of an earlier run's kept directory (--keep), not ingested again")
    p.add_argument("--sizes", help="events of the synthetic stores of the query and commit sections "
                                   "(default 10000,100000,1000000)")
    p.add_argument("--synth-dir", type=Path,
                   help="keep the synthetic stores (and their JSON Lines) here and reuse them in later runs")
    p.add_argument("--ingest-runs", type=int, help="runs of each ingest command (default 1, --quick 3)")
    p.add_argument("--commit-articles", type=int, default=100, help="articles per commit of the commit section")
    p.add_argument("--commit-runs", type=int, default=3, help="commits into each store of the commit section")
    p.add_argument("--memory-base", type=int, default=1000, help="articles repeated 1, 4 and 16 times")
    p.add_argument("--memory-with-model", action="store_true",
                   help="the memory section runs the pipeline at every size (the default replays its mentions)")
    p.add_argument("--query-runs", type=int, default=5)
    p.add_argument("--startup-runs", type=int, default=10)
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    p.add_argument("--no-doc", action="store_true", help="do not rewrite BENCHMARKS.md")
    args = p.parse_args(argv)
    args.ingest_runs = args.ingest_runs or (3 if args.quick or args.slice else 1)
    wanted = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if any(s in wanted for s in ("ingest", "same", "memory", "commit")) and not (args.corpus / "tempeval3.jsonl").exists():
        p.error(f"no bench corpus at {args.corpus}; pass --corpus")
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest = RESULTS / "latest.json"
    results = json.loads(latest.read_text()) if latest.exists() else {}
    work = Path(tempfile.mkdtemp(prefix="azdiplo-bench-"))
    state: dict = {"results": results}
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") + (" (--quick)" if args.quick else "")
    try:
        for name in SECTIONS:
            if name not in wanted:
                continue
            log(f"== {name}")
            results[f"{name}_load"] = [round(x, 2) for x in os.getloadavg()]
            fn = globals()[f"section_{name}"]
            results[name] = fn(args) if name == "machine" else fn(args, work, state)
            results[f"{name}_at"] = stamp
            latest.write_text(json.dumps(results, indent=2, default=str) + "\n")
        if "machine" not in results:
            results["machine"], results["machine_at"] = section_machine(args), stamp
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    run_file = RESULTS / f"run-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S}.json"
    run_file.write_text(json.dumps(results, indent=2, default=str) + "\n")
    latest.write_text(json.dumps(results, indent=2, default=str) + "\n")
    report = render(results)
    sys.stdout.write(report + "\n")
    if not args.no_doc:
        update_doc(results)
        log(f"updated {DOC.relative_to(REPO)}; results in {run_file.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
