#!/usr/bin/env python3
"""Import the shared knowledge files into the repository's own build sources.

    python tools/import_knowledge.py [--knowledge ../shared/knowledge]

Reads, at development time only:

* ``reign-leaders-2021-03.csv`` (REIGN, OEF Research: Bell, Besaw and Frank
  (2021), The Rulers, Elections, and Irregular Governance Dataset): every
  spell of a state's effective leader. Writes
  ``tools/actors_src/reign_leaders.csv``: the spell's Archigos id, the COW
  state, the ISO 3166 alpha-3 code of the state on the spell's dates, the
  leader's name as REIGN writes it, and the spell's first day and last
  month. ``tools/build_actors.py`` turns it into dictionary people.
* ``plover-agents.txt`` (CAMEO/PLOVER agents dictionary, Open Event Data
  Alliance, MIT): role and descriptor nouns with their sector codes. Writes
  ``azdiplo/data/agents.json``: each noun phrase (lower case, with the
  regular plural the dictionary leaves implicit and its stated irregular
  plurals) -> its primary sector and the full code. The nouns of
  ``tools/actors_src/agents_extra.txt`` (the same format: news nouns the
  dictionary lacks, "firm", "press", "side") are added after its own, which
  win where both have a phrase.

COW state numbers become ISO 3166 alpha-3 codes through the country
converter's table (``country_converter``: its Gleditsch-Ward column, which
agrees with COW for every state but those in ``COW_EXCEPTIONS``), and
states that no longer exist keep their ISO 3166-3 codes (SUN, DDR, YUG,
CSK, SCG, YMD). Both outputs record their source file and its SHA-256.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.resources
import io
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LEADERS_OUT = ROOT / "tools" / "actors_src" / "reign_leaders.csv"
AGENTS_OUT = ROOT / "azdiplo" / "data" / "agents.json"
AGENTS_EXTRA = ROOT / "tools" / "actors_src" / "agents_extra.txt"

#: COW state numbers whose ISO code is not the one Gleditsch-Ward's number
#: gives in the country converter's table: the two Germanies (COW 255 is
#: united Germany, GW 260), states that split or merged (the Soviet Union
#: and Russia share COW 365; Yugoslavia, Serbia and Montenegro and Serbia
#: share 345; Czechoslovakia is 315, the Czech Republic 316; the Yemens),
#: and the Pacific states where the two numberings differ. Each entry is a
#: list of (last day, ISO3): the first whose last day is on or after the
#: spell's start applies; None means "to this day".
COW_EXCEPTIONS: dict[int, list[tuple[str | None, str]]] = {
    255: [(None, "DEU")],
    260: [(None, "DEU")],  # West Germany: the same state as united Germany
    265: [(None, "DDR")],
    315: [(None, "CSK")],
    316: [(None, "CZE")],
    345: [("2003-02-03", "YUG"), ("2006-06-04", "SCG"), (None, "SRB")],
    365: [("1991-12-25", "SUN"), (None, "RUS")],
    678: [(None, "YEM")],  # North Yemen, whose state the unified Yemen continues
    679: [(None, "YEM")],
    680: [(None, "YMD")],
    816: [(None, "VNM")],  # North Vietnam, whose state Vietnam continues
    817: [(None, "")],  # South Vietnam (to 1975): no ISO code; its spells are left out
    946: [(None, "KIR")],
    947: [(None, "TUV")],
    955: [(None, "TON")],
    970: [(None, "NRU")],
    347: [(None, "XKX")],
}


def _decode(raw: bytes) -> str:
    """REIGN's file is UTF-8 with a few Windows-1252 bytes in its notes: line by line."""
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines)


def gw_to_iso3() -> dict[int, str]:
    """Gleditsch-Ward state number -> ISO3, from the country converter's own table.

    The table is read as data (its ``country_data.tsv``), so the import does not
    depend on the converter's pandas-based API.
    """
    data = importlib.resources.files("country_converter").joinpath("country_data.tsv").read_text(encoding="utf-8")
    out: dict[int, str] = {}
    for row in csv.DictReader(io.StringIO(data), delimiter="\t"):
        gw = row.get("GWcode", "").strip()
        if gw:
            out[int(float(gw))] = row["ISO3"].strip()
    return out


def states_for(cow: int, start: str, end: str, gw: dict[int, str]) -> list[tuple[str, str, str]]:
    """(ISO3, first day, last day or month) of each state a spell falls in: Yeltsin's
    spell from August 1991 is the Soviet Union's to 25 December 1991, Russia's after."""
    periods = COW_EXCEPTIONS.get(cow)
    if not periods:
        return [(gw.get(cow, ""), start, end)]
    out = []
    first = "0000-00-00"
    for last_day, iso in periods:
        lo, hi = max(start, first), end if last_day is None or (end and end < last_day[:7]) else last_day
        if (last_day is None or lo <= last_day) and (not end or lo[:7] <= end):
            out.append((iso, lo, hi))
        if last_day is not None:
            first = _next_day(last_day)
    return out


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def import_leaders(path: pathlib.Path) -> str:
    raw = path.read_bytes()
    gw = gw_to_iso3()
    rows = list(csv.DictReader(io.StringIO(_decode(raw))))
    out = io.StringIO()
    out.write(f"# from {path.name} (REIGN, OEF Research, leader list of March 2021), sha256 {hashlib.sha256(raw).hexdigest()}\n")
    out.write("# cite: Bell, Besaw and Frank (2021), The Rulers, Elections, and Irregular Governance (REIGN) Dataset\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["leadid", "cow", "iso3", "leader", "from", "to"])
    unmapped = set()
    for r in rows:
        if not r.get("leader", "").strip() or not r.get("syear", "").strip():
            continue
        cow = int(r["ccode"])
        start = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
        end = f"{int(r['eyear']):04d}-{int(r['emonth']):02d}" if r.get("eyear", "").strip() else ""
        for iso, lo, hi in states_for(cow, start, end, gw):
            if not iso:
                unmapped.add(f"{r['stateabb']} {cow}")
                continue
            writer.writerow([r["leadid"].strip(), r["stateabb"].strip(), iso, " ".join(r["leader"].split()), lo, hi])
    if unmapped - {"RVN 817"}:
        raise SystemExit(f"import_knowledge: COW states without an ISO code: {sorted(unmapped)}")
    return out.getvalue()


# ------------------------------------------------------------------ agents

_ENTRY = re.compile(r"^([^\s#\[{]+)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]+)\]")
_SUBST = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")


def _phrase(token: str) -> str:
    return " ".join(token.replace("_", " ").lower().split())


def _plural(phrase: str) -> str:
    last = phrase.rsplit(" ", 1)
    word = last[-1]
    if re.search(r"(s|x|z|ch|sh)$", word):
        word += "es"
    elif re.search(r"[^aeiou]y$", word):
        word = word[:-1] + "ies"
    else:
        word += "s"
    return " ".join([*last[:-1], word])


def import_agents(path: pathlib.Path, extra: pathlib.Path | None = AGENTS_EXTRA) -> str:
    raw = path.read_bytes()
    nouns: dict[str, str] = {}
    _read_agents(raw.decode("utf-8", errors="replace"), nouns)
    source = (f"{path.name} (CAMEO/PLOVER agents dictionary, Open Event Data Alliance, MIT licence), "
              f"sha256 {hashlib.sha256(raw).hexdigest()}")
    if extra is not None and extra.exists():
        raw_extra = extra.read_bytes()
        _read_agents(raw_extra.decode("utf-8"), nouns)
        source += f"; then {extra.relative_to(ROOT)} (curated for azdiplo), sha256 {hashlib.sha256(raw_extra).hexdigest()}"
    doc = {
        "about": "Role and descriptor nouns -> CAMEO/PLOVER sector codes: the first three letters are the "
                 "primary sector (GOVMIL, a defence minister, is GOV with MIL secondary). Generated by "
                 "tools/import_knowledge.py; do not edit.",
        "source": source,
        "nouns": dict(sorted(nouns.items())),
    }
    return json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def _read_agents(text: str, nouns: dict[str, str]) -> None:
    """Add the noun phrases of an agents file (PLOVER format) to ``nouns``; phrases already there stay."""
    subst: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _SUBST.match(line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = _ENTRY.match(line)
        if not m:
            continue
        token, plurals, code = m.group(1), m.group(2), m.group(3)
        forms = [token]
        for name, words in subst.items():
            marker = f"!{name}!"
            if marker in token:
                forms = [f.replace(marker, w) for f in forms for w in words]
        # "DEFENCE_MINIST": a stem of minister and ministry
        forms = [g for f in forms for g in ([f[:-6] + "MINISTER", f[:-6] + "MINISTRY"] if f.endswith("MINIST") else [f])]
        phrases = [_phrase(f) for f in forms]
        phrases += [_plural(p) for p in phrases]
        phrases += [_phrase(x) for x in (plurals or "").split(",") if x.strip()]
        for p in phrases:
            if p and "!" not in p:
                nouns.setdefault(p, code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knowledge", type=pathlib.Path, default=ROOT.parent / "shared" / "knowledge")
    args = parser.parse_args(argv)
    LEADERS_OUT.write_text(import_leaders(args.knowledge / "reign-leaders-2021-03.csv"), encoding="utf-8")
    AGENTS_OUT.write_text(import_agents(args.knowledge / "plover-agents.txt"), encoding="utf-8")
    print(f"wrote {LEADERS_OUT.relative_to(ROOT)} and {AGENTS_OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
