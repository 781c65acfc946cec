"""Scoring extraction against a reference annotation (``azdiplo eval``).

A reference annotation (format ``azdiplo-gold/1``, docs/eval.md) lists the
diplomatic events that careful readers found in a set of articles: documents
with their publication dates, actors with their aliases, events (type,
``alt_types``, ``required``, date, place, participants, quotes of every
mention) and passages that must not yield an event.

An extracted event matches a reference event when the type is the event's
type or one of its ``alt_types`` (a reference meeting also accepts
``summit``), the dates overlap (an undated reference event accepts any date;
an undated extracted event never matches a dated one) and they share a
participant through the alias table. Matching is one-to-one and greedy, the
largest participant overlap first. Precision, recall and F1 count required
events only; an extracted event that matches an optional one is neither a
hit nor a false event. These are the rules of the project's independent
judges (``../shared/tools/score_events.py`` store-wide and
``score_articles.py`` article by article); this module reproduces their
numbers, which a benchmark checks (``benchmarks/eval_matches_scorer.py``).

Dates are compared as the judges compare them: years, months, days and
ranges of them; any other value (a week, a season, a quarter) counts as no
date. Plain Python, no spaCy.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from .errors import InputError

SCHEMA = "azdiplo-gold/1"

#: words that may precede a name and are ignored when names are compared
_TITLES = frozenset({
    "president", "speaker", "mp", "minister", "foreign", "prime", "deputy", "secretary", "general", "chairman",
    "chair", "ambassador", "former", "mr", "mrs", "ms", "dr", "his", "her", "excellency", "counterpart", "us",
})


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    words = re.sub(r"[^\w\s]", " ", text).split()
    while words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _untitled(text: str) -> str:
    words = _norm(text).split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


class Aliases:
    """Any way of writing an actor -> the canonical names of the annotation."""

    def __init__(self, actors: dict):
        self.forms: dict[str, set[str]] = {}
        for canon, info in actors.items():
            for form in (canon, info.get("code") or "", *info.get("aliases", [])):
                if form:
                    self.forms.setdefault(_norm(form), set()).add(canon)
                    self.forms.setdefault(_untitled(form), set()).add(canon)

    def resolve(self, surface: str) -> set[str]:
        for key in (_norm(surface), _untitled(surface)):
            if key in self.forms:
                return set(self.forms[key])
        key = _norm(surface)  # a longer phrase that names an actor as a whole phrase
        return {c for form, canons in self.forms.items() if len(form) > 3 and re.search(rf"\b{re.escape(form)}\b", key)
                for c in canons}


# ----------------------------------------------------------------------------- dates

_POINT = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?")


def _point(text: str, end: bool) -> date | None:
    m = _POINT.fullmatch(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    day = int(m.group(3)) if m.group(3) else (calendar.monthrange(year, month)[1] if end else 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def interval(value) -> tuple[date, date] | None:
    """The days a value covers: "2025", "2025-08", "2025-08-08", "A/B" or {"start", "end"}."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        start = value.get("start") or value.get("begin") or value.get("value")
        if not start:
            return None
        left, right = str(start), str(value.get("end") or start)
    else:
        left, _, right = str(value).partition("/")
        right = right or left
    a, b = _point(left, False), _point(right, True)
    return (a, b) if a and b else None


def _event_interval(ev: dict):
    if "date_start" in ev or "date_end" in ev:
        return interval({"start": ev.get("date_start"), "end": ev.get("date_end")})
    return interval(ev.get("date"))


# ------------------------------------------------------------------------ event fields

def _names(items) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = next((item[k] for k in ("name", "canonical", "label", "text", "id") if isinstance(item.get(k), str)), None)
            if name is not None:
                out.append(name)
    return out


def _sources(ev: dict) -> set[str]:
    out = set()
    for item in ev.get("sources") or ([ev["source"]] if ev.get("source") else []):
        if isinstance(item, dict):
            item = next((item[k] for k in ("path", "file", "source", "article", "doc", "url", "id")
                         if isinstance(item.get(k), str)), item)
        if isinstance(item, str):
            out.add(PurePosixPath(item).name)
    return out


def _place(ev: dict) -> str | None:
    place = ev.get("place") or ev.get("location")
    if isinstance(place, dict):
        place = place.get("name") or place.get("text")
    return place if isinstance(place, str) and place.strip() else None


def _evidence(ev: dict) -> str:
    evidence = ev.get("evidence") or ev.get("sentence") or ev.get("text") or ""
    if isinstance(evidence, list):
        evidence = " ".join(e if isinstance(e, str) else str(e.get("text", "")) for e in evidence)
    if isinstance(evidence, dict):
        evidence = str(evidence.get("text", ""))
    return str(evidence)


def _type(ev: dict) -> str:
    t = str(ev.get("type") or ev.get("kind") or "").lower()
    return "meeting" if t == "summit" else t


# ----------------------------------------------------------------------------- scores

@dataclass
class Tally:
    """Counts summed over articles (or gold files); every rate derives from them."""

    tp: int = 0
    fp: int = 0
    required: int = 0
    extracted: int = 0
    matched: int = 0
    exact_dates: int = 0
    places_ok: int = 0
    places_n: int = 0
    participants_found: int = 0
    participants_gold: int = 0
    participants_right: int = 0
    states_n: int = 0  # participants of matched events the reference ties to a state
    states_ok: int = 0  # ... that carry that state
    merged_ok: int = 0
    merged_n: int = 0
    quiet_articles: int = 0
    fp_on_quiet: int = 0
    articles: int = 0
    by_type: Counter = field(default_factory=Counter)
    by_type_hit: Counter = field(default_factory=Counter)
    leaks: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    false_events: list[dict] = field(default_factory=list)
    wrong_states: list[dict] = field(default_factory=list)
    per_event: list[dict] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def metrics(self, *, per_article: bool) -> dict:
        def rate(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.required if self.required else 0.0
        out = {
            "required_gold": self.required,
            "extracted": self.extracted,
            "true_positives": self.tp,
            "false_positives": self.fp,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "recall_by_type": {t: f"{self.by_type_hit[t]}/{self.by_type[t]}" for t in sorted(self.by_type)},
            "exact_date_accuracy": rate(self.exact_dates, self.matched),
            "participant_precision": rate(self.participants_right, self.participants_found),
            "participant_recall": rate(self.participants_right, self.participants_gold),
            "participant_state_accuracy": rate(self.states_ok, self.states_n),
            "place_accuracy": rate(self.places_ok, self.places_n),
            "must_not_extract_leaks": len(self.leaks),
        }
        if per_article:
            out = {"articles": self.articles, **out}
            out["false_positives_per_100_quiet_articles"] = (
                round(100 * self.fp_on_quiet / self.quiet_articles, 1) if self.quiet_articles else None)
        else:
            out["merged_multi_source"] = f"{self.merged_ok}/{self.merged_n}"
        return out


def match(gold: dict, events: list[dict], aliases: Aliases | None = None, *, doc: str | None = None) -> Tally:
    """Match extracted ``events`` against ``gold["events"]`` (one article's, or a whole store's)."""
    aliases = aliases or Aliases(gold["actors"])
    golds = gold["events"]
    resolved = []
    for ev in events:
        found: set[str] = set()
        for name in _names(ev.get("participants")) + _names(ev.get("actors")):
            found |= aliases.resolve(name)
        resolved.append(found)
    candidates = []
    for i, ev in enumerate(events):
        ei = _event_interval(ev)
        for j, g in enumerate(golds):
            if _type(ev) not in {g["type"], *g.get("alt_types", [])}:
                continue
            gi = interval(g.get("date"))
            if gi is not None and (ei is None or not (ei[0] <= gi[1] and gi[0] <= ei[1])):
                continue
            k = len(resolved[i] & set(g["participants"]))
            if k:
                candidates.append((k, i, j))
    candidates.sort(key=lambda c: -c[0])  # stable: ties keep the order of the events
    pairs: dict[int, int] = {}
    used = set()
    for _, i, j in candidates:
        if i not in used and j not in pairs:
            pairs[j] = i
            used.add(i)
    optional_hits = {i for _, i, j in candidates if not golds[j].get("required", True)}
    t = Tally(extracted=len(events))
    for j, g in enumerate(golds):
        required = g.get("required", True)
        row = {"id": g["id"], "required": required, "matched": j in pairs}
        if required:
            t.required += 1
            t.by_type[g["type"]] += 1
            t.by_type_hit[g["type"]] += j in pairs
            t.tp += j in pairs
            if j not in pairs:
                t.missed.append({**({"doc": doc} if doc else {}), "id": g["id"], "type": g["type"],
                                 "date": g.get("date"), "quote": g["mentions"][0]["quote"] if g.get("mentions") else ""})
        if j in pairs:
            ev = events[pairs[j]]
            row["event"] = pairs[j]
            row["candidates"] = sorted({i for _, i, jj in candidates if jj == j})
            t.matched += 1
            gi, ei = interval(g.get("date")), _event_interval(ev)
            t.exact_dates += gi == ei or bool(gi and ei and gi[0] <= ei[0] and ei[1] <= gi[1] and g.get("date_note"))
            row["date"] = ev.get("date")
            if g.get("place"):
                t.places_n += 1
                place = _place(ev)
                ok = bool(place and _same_place(place, g["place"], aliases))
                t.places_ok += ok
                row["place"] = place
            got = resolved[pairs[j]]
            t.participants_found += len(got)
            t.participants_gold += len(g["participants"])
            t.participants_right += len(got & set(g["participants"]))
            _check_states(t, ev, g, gold["actors"], aliases, doc)
            files = {m["file"] for m in g.get("mentions", [])}
            if len(files) > 1:
                t.merged_n += 1
                t.merged_ok += files <= _sources(ev)
                row["sources"] = sorted(_sources(ev))
        t.per_event.append(row)
    for i, ev in enumerate(events):
        if i not in used and i not in optional_hits:
            t.fp += 1
            t.false_events.append({**({"doc": doc} if doc else {}), "id": ev.get("id"), "type": ev.get("type"),
                                   "date": ev.get("date"), "place": _place(ev),
                                   "participants": _names(ev.get("participants")), "evidence": _evidence(ev)})
    for bad in gold.get("must_not_extract", []):
        quote = _norm(bad["quote"])
        if quote and any(quote[:40] in _norm(_evidence(ev)) for ev in events):
            t.leaks.append({**({"doc": doc} if doc else {}), "quote": bad["quote"], "why": bad.get("why")})
    return t


_STATE_CODE = re.compile(r"^([A-Z]{3})(\.[A-Z]{3})?$")


def _is_state(code: str) -> bool:
    """An ISO3 code of a state of the actor dictionary ("WTO" is an organization's code)."""
    from .actors import ActorIndex

    actor = ActorIndex.load().get(code)
    return actor is not None and actor.kind == "country"


def _check_states(t: Tally, ev: dict, g: dict, actors: dict, aliases: Aliases, doc: str | None) -> None:
    """Each participant of a matched event that is a reference participant with a state (its
    code "ISR", "AZE.LEG"; not an international body's, "WTO") must carry that state as its country."""
    for p in ev.get("participants") or ():
        if not isinstance(p, dict):
            continue
        for canon in aliases.resolve(_names([p])[0] if _names([p]) else "") & set(g["participants"]):
            m = _STATE_CODE.match(str(actors.get(canon, {}).get("code") or ""))
            if not m or not _is_state(m.group(1)):
                continue
            t.states_n += 1
            if p.get("country") == m.group(1):
                t.states_ok += 1
            else:
                t.wrong_states.append({**({"doc": doc} if doc else {}), "id": g["id"], "participant": p.get("name"),
                                       "country": p.get("country"), "reference": m.group(1)})


def _same_place(a: str, b: str, aliases: Aliases) -> bool:
    if _norm(a.split(",")[0]) == _norm(b.split(",")[0]):
        return True
    ra, rb = aliases.resolve(a), aliases.resolve(b)
    return bool(ra and ra == rb)


def _undated(gold: dict) -> dict:
    return {**gold, "events": [{**g, "date": None} for g in gold["events"]]}


def score_articles(gold: dict, extracted: dict[str, list[dict]], *, dates: bool = True) -> Tally:
    """Each article's events against the reference events that this article reports."""
    gold = gold if dates else _undated(gold)
    aliases = Aliases(gold["actors"])
    total = Tally()
    for d in gold["documents"]:
        doc = d["file"]
        sub = {"actors": gold["actors"],
               "events": [g for g in gold["events"] if any(m["file"] == doc for m in g.get("mentions", []))],
               "must_not_extract": [b for b in gold.get("must_not_extract", []) if b.get("file") == doc]}
        t = match(sub, extracted.get(doc, []), aliases, doc=doc)
        t.articles = 1
        if not any(g.get("required", True) for g in sub["events"]):
            t.quiet_articles, t.fp_on_quiet = 1, t.fp
        total.add(t)
    return total


def score_store(gold: dict, events: list[dict], *, dates: bool = True) -> Tally:
    """A store's merged events against every reference event (merging across articles counts)."""
    gold = gold if dates else _undated(gold)
    t = match(gold, events)
    t.articles = len(gold["documents"])
    return t


# ---------------------------------------------------------------------------- reading

def load_gold(path: Path) -> dict:
    """A reference annotation, checked enough to score with: InputError names what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no reference annotation at {path}", "give the path of an azdiplo-gold/1 JSON file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the reference annotation {path} ({exc})",
                         "it must be UTF-8 JSON in the azdiplo-gold/1 format (docs/eval.md)") from None
    problem = _shape_problem(data)
    if problem:
        raise InputError(f"{path} is not a reference annotation: {problem}", "see docs/eval.md for the format")
    return data


def _shape_problem(data) -> str | None:
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("schema") != SCHEMA:
        return f"schema is {data.get('schema')!r}, expected {SCHEMA!r}"
    for key, kind in (("documents", list), ("actors", dict), ("events", list)):
        if not isinstance(data.get(key), kind):
            return f"'{key}' missing or not a {kind.__name__}"
    for d in data["documents"]:
        if not isinstance(d, dict) or not isinstance(d.get("file"), str):
            return "a document without a 'file'"
    for ev in data["events"]:
        if not isinstance(ev, dict) or not all(k in ev for k in ("id", "type", "participants", "mentions")):
            return f"event {ev.get('id') if isinstance(ev, dict) else ev!r} lacks id, type, participants or mentions"
        missing = [p for p in ev["participants"] if p not in data["actors"]]
        if missing:
            return f"event {ev['id']}: participant {missing[0]!r} is not in 'actors'"
    return None


def article_keys(article: dict) -> Iterable[str]:
    """The names a reference annotation may use for an extracted article: its id, the
    record's own id (JSON Lines) or its file name."""
    for key in ("id", "source_id"):
        if article.get(key):
            yield str(article[key])
    if article.get("path"):
        path = str(article["path"]).split("#", 1)[0]
        yield PurePosixPath(path).name


def index_extracted(rows: Iterable[dict], documents: Iterable[str]) -> dict[str, list[dict]]:
    """``azdiplo extract`` rows -> the events of each reference document."""
    wanted = set(documents)
    out: dict[str, list[dict]] = {}
    for row in rows:
        art = row.get("article") or {}
        key = next((k for k in article_keys(art) if k in wanted), None)
        if key is not None:
            out[key] = [e for e in row.get("events") or [] if isinstance(e, dict)]
    return out


def read_extracted(path: Path) -> list[dict]:
    """The JSON Lines (or JSON array) that ``azdiplo extract`` printed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path} ({exc})", "give the output of 'azdiplo extract --format jsonl'") from None
    try:
        data = json.loads(text)
        rows = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(f"{path} is not JSON Lines ({exc})",
                             "give the output of 'azdiplo extract --format jsonl'") from None
    return [r for r in rows if isinstance(r, dict)]


def report(tally: Tally, *, per_article: bool, errors: bool) -> dict:
    """The metrics as ``--format json`` prints them (the judges' field names)."""
    out = tally.metrics(per_article=per_article)
    if errors:
        out["errors"] = {"missed": tally.missed, "false_events": tally.false_events, "leaks": tally.leaks,
                         "wrong_states": tally.wrong_states}
    return out
