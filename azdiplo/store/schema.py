"""Validating stored values against the packaged JSON Schemas, fast.

jsonschema is the authority and the source of error messages; a check
compiled from the same schema files says yes or no in microseconds first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import orjson

_SCHEMA_KINDS = ("current", "manifest", "article", "mention", "event")


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    """The packaged JSON Schema documents, by $id."""
    from importlib import resources

    data = resources.files("azdiplo") / "data"
    docs = [orjson.loads((data / name).read_bytes()) for name in ("event.schema.json", "store.schema.json")]
    return {doc["$id"]: doc for doc in docs}


@functools.cache
def _validators() -> dict[str, Any]:
    """jsonschema validators for each stored shape: the authority, and the source of error messages."""
    import jsonschema
    from referencing import Registry, Resource

    registry = Registry().with_resources((i, Resource.from_contents(d)) for i, d in _schemas().items())
    return {
        kind: jsonschema.Draft202012Validator({"$ref": f"urn:azdiplo:schema:store#/$defs/{kind}"}, registry=registry)
        for kind in _SCHEMA_KINDS
    }


class _Unsupported(Exception):
    pass


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    # exact classes: orjson makes no subclasses, and bool must not pass for an integer
    "string": (str,),
    "null": (type(None),),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "number": (int, float),
    "integer": (int,),
}
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "$comment"}
_OBJECT_KEYWORDS = ("properties", "patternProperties", "additionalProperties", "required")


def _all_of(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]

    def check(v: Any) -> bool:
        for c in checks:
            if not c(v):
                return False
        return True

    return check


def _is_number(v: Any) -> bool:
    return type(v) is int or type(v) is float


_Check = Callable[[Any], bool]


def _compile_schema(node: Any, doc: str, memo: dict[tuple[str, str], _Check]) -> _Check:
    """A fast yes/no check for the subset of JSON Schema the store's schemas use.

    jsonschema spends ~1 ms on an event; this spends some µs, which makes
    verify() on a million events many minutes shorter. A keyword outside the
    subset raises _Unsupported and verify() uses jsonschema alone. It may
    only err towards "invalid": jsonschema then has the last word.
    """
    if node is True:
        return lambda v: True
    if node is False:
        return lambda v: False
    if not isinstance(node, dict):
        raise _Unsupported(repr(node))
    checks: list[Callable[[Any], bool]] = []
    for key, arg in node.items():
        if key in _ANNOTATIONS or key in _OBJECT_KEYWORDS:
            continue
        if key == "$ref":
            base, _, pointer = arg.partition("#")
            checks.append(_resolve(base or doc, pointer, memo))
        elif key == "type":
            names = [arg] if isinstance(arg, str) else arg
            classes = frozenset(c for t in names for c in _JSON_TYPES[t])
            integral_floats = "integer" in names and "number" not in names
            checks.append(
                lambda v, classes=classes, integral_floats=integral_floats: type(v) in classes
                or (integral_floats and type(v) is float and v.is_integer())
            )
        elif key == "enum":
            if not all(x is None or isinstance(x, str) for x in arg):
                raise _Unsupported("enum")
            allowed = frozenset(arg)
            checks.append(lambda v, allowed=allowed: (v is None or type(v) is str) and v in allowed)
        elif key == "items":
            sub = _compile_schema(arg, doc, memo)
            checks.append(lambda v, sub=sub: type(v) is not list or all(map(sub, v)))
        elif key == "minItems":
            checks.append(lambda v, n=arg: type(v) is not list or len(v) >= n)
        elif key == "minLength":
            checks.append(lambda v, n=arg: type(v) is not str or len(v) >= n)
        elif key == "minimum":
            checks.append(lambda v, m=arg: not _is_number(v) or v >= m)
        elif key == "maximum":
            checks.append(lambda v, m=arg: not _is_number(v) or v <= m)
        elif key == "pattern":
            checks.append(lambda v, search=re.compile(arg).search: type(v) is not str or search(v) is not None)
        elif key == "anyOf":
            subs = [_compile_schema(s, doc, memo) for s in arg]
            checks.append(lambda v, subs=subs: any(s(v) for s in subs))
        else:
            raise _Unsupported(key)
    if any(k in node for k in _OBJECT_KEYWORDS):
        checks.append(_compile_object(node, doc, memo))
    return _all_of(checks)


def _compile_object(node: dict[str, Any], doc: str, memo: dict[tuple[str, str], _Check]) -> _Check:
    required = frozenset(node.get("required", ()))
    props = {k: _compile_schema(s, doc, memo) for k, s in node.get("properties", {}).items()}
    patterns = [
        (re.compile(p).search, _compile_schema(s, doc, memo)) for p, s in node.get("patternProperties", {}).items()
    ]
    extra = node.get("additionalProperties", True)
    extra_check = None if extra is True else _compile_schema(extra, doc, memo)

    def check(v: Any) -> bool:
        if type(v) is not dict:
            return True
        if not required <= v.keys():
            return False
        for key, value in v.items():
            sub = props.get(key)
            matched = sub is not None
            if matched and not sub(value):
                return False
            for search, pattern_check in patterns:
                if search(key):
                    matched = True
                    if not pattern_check(value):
                        return False
            if not matched and extra_check is not None and not extra_check(value):
                return False
        return True

    return check


def _resolve(doc: str, pointer: str, memo: dict[tuple[str, str], _Check]) -> _Check:
    key = (doc, pointer)
    if key not in memo:
        node: Any = _schemas()[doc]
        for part in filter(None, pointer.split("/")):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        memo[key] = lambda v: True  # placeholder while compiling, against cycles
        compiled = _compile_schema(node, doc, memo)
        memo[key] = compiled
    return memo[key]


@functools.cache
def _fast_validators() -> dict[str, Callable[[Any], bool]] | None:
    try:
        memo: dict[tuple[str, str], Callable[[Any], bool]] = {}
        return {kind: _resolve("urn:azdiplo:schema:store", f"/$defs/{kind}", memo) for kind in _SCHEMA_KINDS}
    except (_Unsupported, KeyError):
        return None


def schema_errors(kind: str, value: Any) -> list[str]:
    """JSON Schema errors of one stored value ([] if valid)."""
    fast = _fast_validators()
    if fast is not None and fast[kind](value):
        return []
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in _validators()[kind].iter_errors(value)
    ]


