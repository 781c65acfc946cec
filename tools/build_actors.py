#!/usr/bin/env python3
"""Build ``azdiplo/data/actors.jsonl`` from pycountry and the curated tables.

    python tools/build_actors.py           # rewrite the dictionary
    python tools/build_actors.py --check   # exit 1 if the committed file is stale

Inputs (``tools/actors_src/``):

* ``countries.csv`` -- which countries exist in the dictionary (the 193 UN
  members, the two observer states, Kosovo and Taiwan), with what pycountry
  lacks: common short names where its own are not the ones news uses,
  short forms, demonyms, capitals and capital metonyms, and ``names``: what a
  state was called in a period, as name@from/to ("Palestinian Authority" from
  the 1994 Gaza-Jericho Agreement to the day before UN General Assembly
  resolution 67/19 of 2012-11-29). Official and common
  names come from pycountry (a build-time dependency only).
* ``organizations.jsonl`` -- international and regional bodies.
* ``institutions.jsonl`` -- a state's own bodies. Build-only fields:
  ``local`` (the bare name composed with the country: "Armenian National
  Assembly", "National Assembly of Armenia") and ``family`` /
  ``generic`` (generic nouns composed with the country's names and
  demonyms: "German parliament", "Azerbaijan's Foreign Ministry").
  Every country without a curated foreign ministry gets a generated one.
* ``armed_groups.jsonl`` -- armed, rebel and insurgent groups (curated from
  news usage; see docs/actors.md): institutions of the state they fight in,
  sector REB (or UAF for paramilitaries that do not fight the state), with
  ``since`` / ``until`` the years they were active as armed groups.
* ``people.jsonl`` -- people with dated roles; ``code`` and ``country``
  come from the role held now (or last).
* ``case_sensitive.txt`` -- forms that are ordinary lower-case words.

The output is sorted by id, keys sorted, one object per line: the same
inputs always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import pathlib
import re
import sys
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "actors_src"
OUT = ROOT / "azdiplo" / "data" / "actors.jsonl"

sys.path.insert(0, str(ROOT))
from azdiplo.actors import FAMILY_FIRST, KINDS, ascii_fold, is_acronym, norm_name, simple_tokenize  # noqa: E402

FAMILY_NOUNS = {
    "parliament": ["parliament", "legislature"],
    "mfa": ["Foreign Ministry", "Ministry of Foreign Affairs", "Foreign Affairs Ministry", "MFA", "Foreign Office"],
    "defense": ["Defense Ministry", "Defence Ministry", "Ministry of Defense", "Ministry of Defence"],
    "military": ["armed forces", "army", "military"],
    "police": ["police", "national police", "police force"],
    "central-bank": ["central bank"],
    "supreme-court": ["Supreme Court"],
    "revenue": ["tax authority", "tax agency", "revenue service", "revenue authority"],
}
FAMILY_CONTEXTUAL = {
    "mfa": ["Foreign Ministry", "Ministry of Foreign Affairs"],
    "defense": ["Defense Ministry", "Defence Ministry", "Ministry of Defense", "Ministry of Defence"],
}
# Words of a state's formal style: "Azerbaijan Republic parliament" is not
# how anyone writes, so such names are not composed with institution nouns.
STYLE_WORDS = frozenset(
    "Republic Kingdom State States Federation Confederation Principality Sultanate Commonwealth Union "
    "Grand Duchy Islamic Democratic People's Federal Socialist Plurinational Bolivarian Hashemite of".split()
)
# Sectors of armed_groups.jsonl: CAMEO's rebels and unaligned armed forces.
ARMED_SECTORS = frozenset({"REB", "UAF"})
# Countries whose foreign ministry is not generated (no such ministry by that name).
NO_GENERATED_MFA = {"VAT"}
# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, the
# IMF and the World Bank use.
CURATED_ONLY = {"XKX"}

INSTITUTION_ID = re.compile(r"^[A-Z]{3}\.[A-Z]{3}\.[A-Z0-9-]+(\.[A-Z0-9-]+)*$")
PERSON_ID = re.compile(r"^person:[a-z0-9]+(-[a-z0-9]+)*$")
ORG_ID = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class BuildError(Exception):
    pass


def split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def period_names(cell: str | None, iso: str) -> list[dict]:
    """The ``names`` column: "Palestinian Authority@1994-05-04/2012-11-28" (name@from/to, either
    date may be empty; several separated by '|') as [{"name", "from", "to"}]."""
    out = []
    for part in split(cell):
        name, _, span = part.partition("@")
        start, _, end = span.partition("/")
        if not name.strip() or "/" not in span:
            raise BuildError(f"countries.csv: {iso}: names entry {part!r} is not name@from/to")
        for d in (start, end):
            if d and not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", d):
                raise BuildError(f"countries.csv: {iso}: names date {d!r} is not YYYY[-MM[-DD]]")
        out.append({"name": name.strip(), "from": start or None, "to": end or None})
    return out


def uninvert(name: str) -> list[str]:
    """pycountry's catalogue forms as prose: "Korea, Republic of" -> "Republic of Korea".

    "Holy See (Vatican City State)" gives both names; a leading "the" goes.
    """
    out = []
    m = re.match(r"^(.*?) \((.*)\)$", name)
    parts = [m.group(1), m.group(2)] if m else [name]
    for part in parts:
        m = re.match(r"^(.+), (.+ of(?: the)?)$", part)
        if m:
            part = f"{m.group(2)} {m.group(1)}"
        part = re.sub(r"^[Tt]he ", "", part)
        out.append(part)
    return out


def surface_key(form: str) -> str:
    """Forms that differ only in case or spacing are one pattern; diacritics count."""
    return " ".join(form.replace("\u2019", "'").split()).casefold()


def dedupe(forms, *, exclude=()) -> list[str]:
    """Forms in order, dropping case-insensitive repeats and anything in ``exclude``."""
    seen = {surface_key(x) for x in exclude}
    out = []
    for f in forms:
        k = surface_key(f)
        if k and k not in seen:
            seen.add(k)
            out.append(f)
    return out


def with_folds(forms) -> list[str]:
    """Each form followed by its diacritic-free spelling when that differs."""
    out = []
    for f in forms:
        out.append(f)
        folded = ascii_fold(f)
        if folded != f:
            out.append(folded)
    return out


def read_jsonl(path: pathlib.Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise BuildError(f"{path}:{n}: {e}") from e
    return out


# ------------------------------------------------------------------ countries


def build_countries() -> tuple[list[dict], dict[str, dict]]:
    import pycountry  # build-time only

    entries = []
    info: dict[str, dict] = {}  # iso3 -> names for composing institution forms
    with open(SRC / "countries.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        iso = row["iso3"].strip()
        drop = {norm_name(x) for x in split(row["drop"])}
        py_forms: list[str] = []
        sources = ["curated"]
        since, until = row.get("since", "").strip() or None, row.get("until", "").strip() or None
        if until:
            # a state that no longer exists: ISO 3166-3 keeps its code; its names are curated
            if pycountry.historic_countries.get(alpha_3=iso) is None:
                raise BuildError(f"countries.csv: {iso} is not a former country in pycountry (ISO 3166-3)")
            sources = ["pycountry", "curated"]
        elif iso not in CURATED_ONLY:
            c = pycountry.countries.get(alpha_3=iso)
            if c is None:
                raise BuildError(f"countries.csv: {iso} is not an ISO 3166-1 alpha-3 code in pycountry")
            for attr in ("common_name", "name", "official_name"):
                value = getattr(c, attr, None)
                if value and norm_name(value) not in drop:
                    py_forms.extend(f for f in uninvert(value) if norm_name(f) not in drop)
            sources = ["pycountry", "curated"]
        name = row["name"].strip() or (py_forms[0] if py_forms else "")
        if not name:
            raise BuildError(f"countries.csv: {iso} has no name")
        curated = split(row["aliases"])
        aliases = dedupe(with_folds([*py_forms, *curated]), exclude=[name])
        demonyms = dedupe(with_folds(split(row["demonyms"])))
        capital = row["capital"].strip() or None
        contextual = dedupe(with_folds(split(row["contextual"])), exclude=[name, *aliases])
        if capital:
            contextual = [c for c in contextual if norm_name(c) != norm_name(capital)]
        entries.append(
            {
                "id": iso,
                "name": name,
                "kind": "country",
                "code": iso,
                "country": iso,
                "parent": None,
                "aliases": aliases,
                "contextual_aliases": contextual,
                "demonyms": demonyms,
                "capital": capital,
                "roles": [],
                "since": since,
                "until": until,
                "names": period_names(row.get("names", ""), iso),
                "sources": sources,
            }
        )
        # Names composed into "X parliament", "Foreign Ministry of X": the
        # canonical name and the short forms, not the long official styles.
        short = [name] + [
            f
            for f in dedupe([*curated, *py_forms], exclude=[name])
            if is_acronym(f) or (len(f.split()) <= 3 and not STYLE_WORDS.intersection(re.split(r"[\s-]+", f)))
        ]
        info[iso] = {
            "name": name,
            "short": short,
            "demonyms": split(row["demonyms"]),
            "the": {norm_name(x) for x in split(row["the"])},
        }
    return entries, info


def the(country: dict, n: str) -> str:
    return "the " if norm_name(n) in country["the"] else ""


def possessive(n: str) -> str:
    return f"{n}'" if n.endswith("s") else f"{n}'s"


def composed(country: dict, noun: str) -> list[str]:
    """A body's noun with the country: "Azerbaijani parliament", "Parliament of Azerbaijan";
    a capitalised noun also in lower case after the country ("Chinese foreign ministry")."""
    nouns = [noun] if is_acronym(noun) or noun.lower() == noun else [noun, noun.lower()]
    forms = [f"{d} {x}" for d in country["demonyms"] for x in nouns]
    for n in country["short"]:
        forms += [f"{n} {x}" for x in nouns] + [f"{possessive(n)} {x}" for x in nouns]
        if not is_acronym(noun):
            forms.append(f"{noun} of {the(country, n)}{n}")
    return forms


# ------------------------------------------------------------------ institutions


def build_institutions(info: dict[str, dict]) -> list[dict]:
    src = read_jsonl(SRC / "institutions.jsonl")
    for rec in read_jsonl(SRC / "armed_groups.jsonl"):
        if rec["id"].split(".")[1] not in ARMED_SECTORS:
            raise BuildError(f"{rec['id']}: an armed group's sector is one of {sorted(ARMED_SECTORS)}")
        src.append(rec)
    families: dict[tuple[str, str], str] = {}
    for rec in src:
        iso = rec["id"].split(".")[0]
        fam = rec.get("family")
        if fam:
            if fam not in FAMILY_NOUNS:
                raise BuildError(f"{rec['id']}: unknown family {fam!r}")
            if (iso, fam) in families:
                raise BuildError(f"{rec['id']}: {iso} already has a {fam} ({families[iso, fam]})")
            families[iso, fam] = rec["id"]
    for iso, country in sorted(info.items()):
        if (iso, "mfa") not in families and iso not in NO_GENERATED_MFA:
            src.append(
                {
                    "id": f"{iso}.GOV.MFA",
                    "name": f"Ministry of Foreign Affairs of {the(country, country['name'])}{country['name']}",
                    "family": "mfa",
                    "generated": True,
                }
            )
    out = []
    for rec in src:
        actor_id = rec["id"]
        if not INSTITUTION_ID.match(actor_id):
            raise BuildError(f"{actor_id}: institution ids are ISO3.SECTOR.SLUG")
        iso, sector = actor_id.split(".")[:2]
        if iso not in info:
            raise BuildError(f"{actor_id}: unknown country {iso}")
        country = info[iso]
        aliases = list(rec.get("aliases", []))
        local = rec.get("local")
        if local:
            aliases += composed(country, local)
        fam = rec.get("family")
        for noun in rec.get("generic") or FAMILY_NOUNS.get(fam, []):
            aliases += composed(country, noun)
        contextual = list(rec.get("contextual_aliases", [])) + FAMILY_CONTEXTUAL.get(fam, [])
        aliases = dedupe(with_folds(aliases), exclude=[rec["name"]])
        out.append(
            {
                "id": actor_id,
                "name": rec["name"],
                "kind": "institution",
                "code": rec.get("code") or f"{iso}.{sector}",
                "country": iso,
                "parent": rec.get("parent"),
                "aliases": aliases,
                "contextual_aliases": dedupe(with_folds(contextual), exclude=[rec["name"], *aliases]),
                "demonyms": [],
                "capital": None,
                "roles": [],
                "since": rec.get("since"),
                "until": rec.get("until"),
                "sources": ["generated"] if rec.get("generated") else ["curated"],
            }
        )
    return out


# ------------------------------------------------------------------ organizations and people


def build_organizations() -> list[dict]:
    out = []
    for rec in read_jsonl(SRC / "organizations.jsonl"):
        aliases = dedupe(with_folds(rec.get("aliases", [])), exclude=[rec["name"]])
        out.append(
            {
                "id": rec["id"],
                "name": rec["name"],
                "kind": "organization",
                "code": rec.get("code") or rec["id"],
                "country": None,
                "parent": rec.get("parent"),
                "aliases": aliases,
                "contextual_aliases": dedupe(
                    with_folds(rec.get("contextual_aliases", [])), exclude=[rec["name"], *aliases]
                ),
                "demonyms": [],
                "capital": None,
                "roles": [],
                "sources": ["curated"],
            }
        )
    return out


def build_people(by_id: dict[str, dict]) -> list[dict]:
    out = []
    for rec in read_jsonl(SRC / "people.jsonl"):
        roles = [{"title": r["title"], "of": r.get("of"), "from": r.get("from"), "to": r.get("to")} for r in rec["roles"]]
        current = [r for r in roles if r["to"] is None] or roles[-1:]
        code = rec.get("code")
        country = rec.get("country")
        if current and current[0]["of"] in by_id:
            body = by_id[current[0]["of"]]
            if body["kind"] == "country":
                code = code or f"{body['id']}.GOV"
            else:
                code = code or body["code"]
            country = country if "country" in rec else body["country"]
        if "contextual_aliases" in rec:
            contextual = list(rec["contextual_aliases"])
        else:
            # Surname only: valid once the full name is in the article
            # (two Aliyevs, many Wangs), so never a plain alias.
            contextual = [rec["name"].split()[-1]]
        aliases = dedupe(with_folds(rec.get("aliases", [])), exclude=[rec["name"]])
        if ascii_fold(rec["name"]) != rec["name"]:
            aliases = dedupe([ascii_fold(rec["name"]), *aliases], exclude=[rec["name"]])
        out.append(
            {
                "id": rec["id"],
                "name": rec["name"],
                "kind": "person",
                "code": code,
                "country": country,
                "parent": None,
                "aliases": aliases,
                "contextual_aliases": dedupe(with_folds(contextual), exclude=[rec["name"], *aliases]),
                "demonyms": [],
                "capital": None,
                "roles": roles,
                "sources": ["curated"],
            }
        )
    return out


# ------------------------------------------------------------------ leaders (REIGN)

#: states where REIGN's two-word names are often two surnames ("Aleman Valdes")
#: or a given name and a surname ("Hugo Chavez"): both words name the leader
HISPANIC = frozenset({"MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "COL", "VEN", "ECU", "PER", "BOL", "PRY",
                      "CHL", "ARG", "URY", "CUB", "DOM", "ESP", "PRT", "BRA"})
_PARTICLES = frozenset({"de", "da", "del", "la", "van", "von", "al", "bin", "ibn", "el", "jr.", "jr", "ii", "iii"})


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def clean_reign_name(name: str) -> str:
    """REIGN's way of writing a name as news writes it: "Duvalier, Francois" ->
    "Francois Duvalier", "Evans Paul (acting)" -> "Evans Paul", "M. Rajapakse" -> "Rajapakse"."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if "," in name:
        last, first = (p.strip() for p in name.split(",", 1))
        name = last if re.fullmatch(r"(?:[A-Z]\.)+-?", first.replace(" ", "")) or not first else f"{first} {last}"
    name = re.sub(r"^(?:[A-Z]\.)+\s*", "", name)  # leading initials
    name = re.sub(r"\s+(?:[A-Z]\.)+$", "", name)  # trailing initials
    return " ".join(name.split())


def leader_keys(iso: str, name: str) -> list[str]:
    """The forms that name a leader in an article of their state and time: the name,
    and the surname news repeats alone."""
    words = name.split()
    keys = [name]
    if len(words) >= 2:
        if iso in FAMILY_FIRST:
            keys.append(words[0])
        else:
            keys.append(words[-1])
            if iso in HISPANIC and len(words) == 2 and words[0].lower() not in _PARTICLES:
                keys.append(words[0])
    for w in list(keys):
        if re.match(r"^(?:al|el|an|as|at|ath)-", w, flags=re.IGNORECASE):
            keys.append(w.split("-", 1)[1])  # "al-Maliki" -> "Maliki"
    return [k for k in keys if k.lower() not in _PARTICLES and len(k) >= 2]


def read_csv_rows(path: pathlib.Path) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def build_leaders(by_id: dict[str, dict], curated: list[dict]) -> list[dict]:
    """People from REIGN's spells (``reign_leaders.csv``), one per Archigos id and state,
    with a dated role each spell; a spell of a person the curated table already holds
    in that office is left to the curated entry."""
    fixes = {(r["iso3"], r["reign"]): r for r in read_csv_rows(SRC / "leader_names.csv")}
    offices: dict[str, list[dict]] = defaultdict(list)
    for r in read_csv_rows(SRC / "leader_offices.csv"):
        offices[r["iso3"]].append(r)
    people: dict[tuple[str, str, int], dict] = {}
    people_era: dict[tuple[str, str], int] = {}
    held: dict[tuple[str, str], dict] = {}  # (state, name) -> the curated person holding a spell
    rows = sorted(read_csv_rows(SRC / "reign_leaders.csv"), key=lambda r: (r["iso3"], r["from"]))
    for r in rows:
        iso, reign = r["iso3"], r["leader"]
        if iso not in by_id:
            raise BuildError(f"reign_leaders.csv: {iso} ({reign}) is not a country of the dictionary")
        fix = fixes.get((iso, reign), {})
        if fix.get("drop"):
            continue
        name = fix.get("name") or clean_reign_name(reign)
        role_from, role_to = r["from"], r["to"] or None
        title = "Leader"
        for o in offices.get(iso, ()):
            if (not o["from"] or o["from"] <= role_from[: len(o["from"])]) and (not o["to"] or role_from[: len(o["to"])] < o["to"]):
                title = o["title"]
        holder = _curated_holder(curated, iso, name, role_from, role_to)
        if holder is not None:
            held.setdefault((iso, name), holder)
            continue
        # one person per state and name; a name back after ten years is another person (the Trudeaus)
        key = (iso, name, people_era.get((iso, name), 0))
        entry = people.get(key)
        if entry is not None and int(role_from[:4]) - int((entry["roles"][-1]["to"] or "9999")[:4]) > 10:
            people_era[(iso, name)] = key[2] + 1
            key = (iso, name, key[2] + 1)
            entry = None
        if entry is None:
            aliases = split(fix.get("aliases"))
            entry = people[key] = {
                "name": name,
                "iso": iso,
                "keys": dedupe(with_folds([*leader_keys(iso, name), *aliases])),
                "roles": [],
            }
        entry["roles"].append({"title": title, "of": iso, "from": role_from, "to": role_to})
    # a curated person who holds one of a leader's spells holds them all ("Jens Stoltenberg",
    # prime minister 2000-2001 and 2005-2013): the other spells become roles of theirs
    for (iso, name, era), p in list(people.items()):
        holder = held.get((iso, name))
        if holder is None:
            continue
        for role in p["roles"]:
            if role not in holder["roles"]:
                holder["roles"].append(role)
        holder["roles"].sort(key=lambda r: r["from"] or "")
        if "reign:roles" not in holder["sources"]:
            holder["sources"].append("reign:roles")
        del people[(iso, name, era)]
    out = []
    ids: dict[str, int] = defaultdict(int)
    for (iso, _, _), p in sorted(people.items(), key=lambda kv: (kv[1]["iso"], kv[1]["roles"][0]["from"])):
        base = f"person:{slug(p['name'])}-{iso.lower()}"
        ids[base] += 1
        pid = base if ids[base] == 1 else f"{base}-{p['roles'][0]['from'][:4]}"
        roles = sorted(p["roles"], key=lambda x: x["from"])
        out.append(
            {
                "id": pid,
                "name": p["name"],
                "kind": "person",
                "code": f"{iso}.GOV",
                "country": iso,
                "parent": None,
                "aliases": [],
                "contextual_aliases": [k for k in p["keys"] if k != p["name"]] or [],
                "demonyms": [],
                "capital": None,
                "roles": roles,
                "sources": ["reign"],
            }
        )
        if p["name"] not in out[-1]["contextual_aliases"]:
            out[-1]["contextual_aliases"].insert(0, p["name"])
    return out


def _curated_holder(curated: list[dict], iso: str, name: str, start: str, end: str | None) -> dict | None:
    """The curated person of ``iso`` with ``name``'s surname whose roles of that state overlap the spell."""
    last = norm_name(name.split()[-1])
    for person in curated:
        names = [person["name"], *person["aliases"], *person["contextual_aliases"]]
        if not any(norm_name(n.split()[-1]) == last for n in names if n.split()):
            continue
        for role in person["roles"]:
            if role["of"] != iso:
                continue
            lo, hi = role["from"] or "0000", role["to"] or "9999"
            if lo[:7] <= (end or "9999")[:7] and start[:7] <= hi[:7]:
                return person
    return None


# ------------------------------------------------------------------ checks


def mark_exact(entries: list[dict]) -> None:
    words = [
        line.strip()
        for line in (SRC / "case_sensitive.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for e in entries:
        forms = [e["name"], *e["aliases"], *e["demonyms"], *e["contextual_aliases"]]
        if e["capital"]:
            forms.append(e["capital"])
        e["exact"] = sorted({f for f in forms if f in words})


def validate(entries: list[dict]) -> None:
    problems = []
    ids = [e["id"] for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        problems.append(f"duplicate ids: {dupes}")
    known = set(ids)
    for e in entries:
        i = e["id"]
        if e["kind"] not in KINDS:
            problems.append(f"{i}: bad kind {e['kind']!r}")
        if not i.isascii() or " " in i:
            problems.append(f"{i}: ids are ASCII without spaces")
        pattern = {"country": r"^[A-Z]{3}$", "organization": ORG_ID.pattern, "institution": INSTITUTION_ID.pattern,
                   "person": PERSON_ID.pattern}[e["kind"]]
        if not re.match(pattern, i):
            problems.append(f"{i}: does not follow the {e['kind']} id scheme")
        if e["parent"] is not None and e["parent"] not in known:
            problems.append(f"{i}: unknown parent {e['parent']}")
        for r in e["roles"]:
            if r["of"] is not None and r["of"] not in known:
                problems.append(f"{i}: role of unknown actor {r['of']}")
            for k in ("from", "to"):
                if r[k] is not None and not DATE.match(r[k]):
                    problems.append(f"{i}: bad date {r[k]!r}")
        for k in ("since", "until"):
            if e.get(k) is not None and not DATE.match(e[k]):
                problems.append(f"{i}: bad {k} {e[k]!r}")
    # A non-contextual surface form must name one actor only, or the
    # entity ruler would label it at random.
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if "reign" in e["sources"]:
            continue  # leaders' names are matched by date in an article, never by the entity ruler
        exact = set(e["exact"])
        for f in (e["name"], *e["aliases"], *e["demonyms"]):
            toks = simple_tokenize(f)
            if f in exact:
                key = "\x00".join(toks)
            else:
                key = "\x00".join(t if is_acronym(t) else t.lower() for t in toks)
            owners[key].add(e["id"])
    for key, who in sorted(owners.items()):
        if len(who) > 1:
            problems.append(f"form {key.replace(chr(0), ' ')!r} names several actors: {sorted(who)}")
    if problems:
        raise BuildError("\n".join(problems))


def build() -> str:
    countries, info = build_countries()
    organizations = build_organizations()
    institutions = build_institutions(info)
    by_id = {e["id"]: e for e in (*countries, *organizations, *institutions)}
    people = build_people(by_id)
    leaders = build_leaders(by_id, people)
    entries = sorted((*countries, *organizations, *institutions, *people, *leaders), key=lambda e: e["id"])
    for e in entries:
        e.setdefault("since", None)
        e.setdefault("until", None)
        e.setdefault("names", [])
    mark_exact(entries)
    validate(entries)
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed dictionary is out of date")
    args = parser.parse_args(argv)
    try:
        text = build()
    except BuildError as e:
        print(f"build_actors: error:\n{e}", file=sys.stderr)
        return 2
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"build_actors: {OUT.relative_to(ROOT)} is out of date; run python tools/build_actors.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    counts: dict[str, int] = defaultdict(int)
    for line in text.splitlines():
        counts[json.loads(line)["kind"]] += 1
    summary = ", ".join(f"{counts[k]} {k}" for k in KINDS)
    print(f"wrote {OUT.relative_to(ROOT)}: {sum(counts.values())} actors ({summary})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
