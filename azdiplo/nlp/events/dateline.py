"""The dateline of a wire report ("BEIJING, Nov. 3 (Xinhua) --"), as the events see it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ... import dates as dates_mod
from ...layout import find_dateline
from ...places import city_country


def dateline_of(text: str, body_start: int, first_body: int | None, published: dt.date | None) -> dict | None:
    """The article's dateline (``azdiplo.layout.find_dateline``) with its date as a timex
    and its city's country when the dictionary knows the city as a capital."""
    from ...actors import ActorIndex

    found = find_dateline(text, body_start, first_body)
    if found is None:
        return None
    out = {"city": found["city"], "country_text": found["country_text"], "start": found["start"],
           "end": found["end"], "date": None, "country": None}
    index = ActorIndex.load()
    for name in (found["city"], found["country_text"]):
        actor = index.lookup(name) if name else None
        if actor is not None and actor.kind == "country":
            out["country"] = actor.id
            break
    if out["country"] is None:
        out["country"] = city_country(found["city"])
    if found["date_text"]:
        value = dates_mod.normalize(found["date_text"], published, tense="past")
        if value is not None and value.value and published is not None and value.precision == "day":
            # a dateline names the day of the report: the nearest such day to the publication
            day = dt.date.fromisoformat(value.value[:10])
            near = min((day.replace(year=day.year + k) for k in (-1, 0, 1) if not (day.month == 2 and day.day == 29)),
                       key=lambda d: abs((d - published).days), default=day)
            value = dataclasses.replace(value, value=near.isoformat())
        if value is not None and value.value:
            s = found["date_start"]
            out["date"] = {"text": found["date_text"], "start": s, "end": s + len(found["date_text"]),
                           "value": value.value, "type": value.type, "precision": value.precision}
    return out
