"""The actors of a store: who appears, under which names, in how many events.

Built from the stored events' participants (and, where the store keeps them,
the actors each article names), enriched with the dictionary's canonical
data. No spaCy.
"""

from __future__ import annotations

from collections import Counter

from .actors import ActorIndex


def _key(p: dict) -> str:
    return p.get("id") or p["name"].lower()


def roster(store, index: ActorIndex) -> list[dict]:
    """One row per actor: id, name, kind, code, country, roles, aliases seen, events."""
    rows: dict[str, dict] = {}

    def row_for(p: dict) -> dict:
        key = _key(p)
        r = rows.get(key)
        if r is None:
            actor = index.get(p["id"]) if p.get("id") else None
            r = rows[key] = {
                "id": key,
                "name": actor.name if actor else p["name"],
                "kind": actor.coarse_kind if actor else p["kind"],
                "code": actor.code if actor else None,
                "country": (actor.country or (actor.id if actor.kind == "country" else None)) if actor else p.get("country"),
                "in_dictionary": actor is not None,
                "roles": set(),
                "organizations": set(),
                "aliases": set(),
                "events": 0,
                "articles": set(),
            }
        return r

    for article in store.iter_rows("articles"):
        for a in article.get("actors", ()):
            r = row_for({"id": a.get("id"), "name": a["name"], "kind": a["kind"], "country": a.get("country")})
            r["aliases"].update(a.get("texts", ()))
            r["articles"].add(article["id"])
            if a.get("role"):
                r["roles"].add(a["role"])
            if a.get("organization"):
                r["organizations"].add(a["organization"])
            if a.get("country") and not r["country"]:
                r["country"] = a["country"]
    for e in store.iter_events():
        for p in e.get("participants", ()):
            r = row_for(p)
            r["events"] += 1
            if p.get("role"):
                r["roles"].add(p["role"])
            if p.get("organization"):
                r["organizations"].add(p["organization"])
            if p.get("country") and not r["country"]:
                r["country"] = p["country"]
        for m in e.get("mentions", ()):
            for p in m.get("participants", ()):
                r = row_for(p)
                r["aliases"].add(p.get("text") or p["name"])
                r["articles"].add(m["article"])
    out = []
    for r in rows.values():
        r = dict(r)
        for k in ("roles", "organizations", "aliases"):
            r[k] = sorted(r[k])
        r["articles"] = len(r["articles"])
        out.append(r)
    return sorted(out, key=lambda r: (-r["events"], r["name"]))


def profile(store, index: ActorIndex, keys: set[str]) -> dict:
    """One actor: roles, the counterparts met most, its events in date order (full event objects)."""
    events = [e for e in store.iter_events() if keys & {_key(p) for p in e.get("participants", ())}]
    from .query import sort_events

    events = sort_events(events, "date")
    names, roles, counterparts = Counter(), Counter(), Counter()
    kind = country = None
    for e in events:
        for p in e.get("participants", ()):
            if _key(p) in keys:
                names[p["name"]] += 1
                kind, country = p["kind"], p.get("country") or country
                if p.get("role"):
                    roles[p["role"]] += 1
            else:
                counterparts[p["name"]] += 1
    first = next((k for k in sorted(keys) if index.get(k) is not None), sorted(keys)[0])
    actor = index.get(first)
    return {
        "id": first,
        "name": actor.name if actor else (names.most_common(1)[0][0] if names else first),
        "kind": actor.coarse_kind if actor else kind,
        "country": (actor.country or (actor.id if actor.kind == "country" else None)) if actor else country,
        "roles": [r for r, _ in roles.most_common()] or ([r.get("title") for r in actor.roles] if actor else []),
        # the dictionary's roles with their dates, and where a learned one was learned
        "offices": [{"title": r.get("title"), "of": r.get("of"), "from": r.get("from"), "to": r.get("to"),
                     "source": "learned" if actor.learned else "dictionary",
                     "learned_from": _learned_from(store, actor, r) if actor.learned else []}
                    for r in actor.roles] if actor else [],
        "counterparts": [{"name": n, "events": c} for n, c in counterparts.most_common(10)],
        "events": events,  # in the one event schema, like every command prints them
    }


def _learned_from(store, actor, role: dict) -> list[dict]:
    """The evidence of a learned person's role: the articles that gave that title and state."""
    from .store.learned import learned_path, read_learned

    entry = read_learned(learned_path(store)).get(actor.id)
    if entry is None:
        return []
    decided = (entry["learned"].get("decision") or {}).get("role")
    return [{k: e[k] for k in ("article", "published", "text")} for e in entry["learned"]["evidence"]
            if e["country"] == role.get("of") and (decided or e["role"]) == role.get("title")]
