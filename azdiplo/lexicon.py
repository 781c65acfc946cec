"""The trigger lexicon (``azdiplo/data/triggers.json``): data, not code.

Which verbs and nouns report which event type, what their arguments must be,
and the CAMEO/PLOVER codes each type carries. Loaded once per process; no
spaCy here.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Codes:
    cameo: str
    plover: str | None
    mode: str | None


@dataclass(frozen=True)
class Lexicon:
    version: int
    types: dict
    status_codes: dict
    verbs: dict
    light_verbs: frozenset
    nouns: dict
    sets: dict  # every other word list, as frozensets
    digest: str

    def codes(self, type_: str, status: str = "occurred", *, refused: bool = False, entry: dict | None = None) -> Codes:
        """CAMEO code, PLOVER category and mode of an event of this type and status."""
        base = self.types[type_]
        if refused and type_ in self.status_codes["refused"]["types"]:
            c = self.status_codes["refused"]
            return Codes(c["cameo"], c["plover"], c["mode"])
        if status == "planned":
            for key in ("planned", "planned_agreement"):
                c = self.status_codes[key]
                if type_ in c["types"]:
                    return Codes(c["cameo"], c["plover"], c["mode"])
        entry = entry or {}
        return Codes(entry.get("cameo", base["cameo"]), base["plover"], entry.get("mode", base["mode"]))

    def word_set(self, name: str) -> frozenset:
        return self.sets[name]


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object whose keys are all different: a word list named twice would silently
    lose one of its copies (two people adding the same name in one merge)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"triggers.json names '{key}' twice")
        out[key] = value
    return out


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    raw = resources.files("azdiplo").joinpath("data/triggers.json").read_bytes()
    data = json.loads(raw, object_pairs_hook=_unique_keys)
    skip = {"version", "about", "types", "status_codes", "verbs", "light_verbs", "nouns"}
    sets = {k: frozenset(v) for k, v in data.items() if k not in skip and isinstance(v, list)}
    return Lexicon(
        version=data["version"],
        types=data["types"],
        status_codes=data["status_codes"],
        verbs=data["verbs"],
        light_verbs=frozenset(data["light_verbs"]),
        nouns=data["nouns"],
        sets=sets,
        digest=hashlib.sha256(raw).hexdigest()[:12],
    )
