"""``ingest --workers N``: the same results as one process, in input order, and clean stops.

No timing here: speed is measured by ``benchmarks/run.py``.
"""

from __future__ import annotations

import time

import pytest

from azdiplo.corpus import make_article
from azdiplo.errors import ModelError
from azdiplo.extract import extract
from azdiplo.ingest import ingest
from azdiplo.nlp.pipeline import build
from azdiplo.parallel import extract_parallel
from azdiplo.store import Store

#: every test here runs azdiplo in subprocesses or loads the model several times
pytestmark = pytest.mark.slow

TEXTS = [
    ("Ankara, March 3 - Turkish Foreign Minister Hakan Fidan met his Greek counterpart "
     "Giorgos Gerapetritis in Ankara on Monday to discuss maritime borders.", "2025-03-04"),
    ("NAIROBI - Kenyan President William Ruto will visit Ethiopia next week for talks with "
     "Prime Minister Abiy Ahmed on regional security, his office said on Tuesday.", "2025-05-13"),
    ("Brazil and Argentina signed a trade agreement in Brasilia on Friday, the two "
     "governments said.", "2024-11-09"),
    ("The football club announced a new coach on Wednesday after a poor season.", "2025-01-16"),
    ("Japanese Prime Minister Shigeru Ishiba held a phone call with South Korean President "
     "Yoon Suk Yeol on Thursday, agreeing to keep close contact.", "2025-01-10"),
    ("Indian External Affairs Minister S. Jaishankar arrived in Singapore on Sunday for a "
     "three-day visit, the ministry said.", "2025-02-24"),
    ("Officials from Vietnam and the Philippines held talks in Hanoi last week on fishing "
     "rights in the South China Sea.", "2025-06-02"),
]


def articles():
    return [make_article(text, article_id=f"a{i:02d}", published=None, record_published=day)
            for i, (text, day) in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def serial():
    nlp = build()
    return [r.to_dict() for r in extract(nlp, articles(), batch_size=2)]


def test_two_workers_give_the_results_of_one_in_input_order(serial):
    info: dict = {}
    parallel = [r.to_dict() for r in extract_parallel(iter(articles()), model=None, batch_size=2, workers=2, info=info)]
    assert [r["article"]["id"] for r in parallel] == [f"a{i:02d}" for i in range(len(TEXTS))]
    assert parallel == serial
    assert info["model"]["name"]
    assert any(r["mentions"] for r in parallel)  # the articles hold events: the comparison says something


def test_results_carry_the_callers_articles():
    arts = articles()
    results = list(extract_parallel(iter(arts), model=None, batch_size=3, workers=2))
    assert all(r.article is a for r, a in zip(results, arts))


def test_input_is_read_lazily_a_bounded_number_of_chunks_ahead():
    read = []

    def source():
        for i in range(200):
            read.append(i)
            yield make_article(f"Article {i}: nothing happened on Monday.", article_id=f"x{i}", record_published="2025-01-01")

    gen = extract_parallel(source(), model=None, batch_size=2, workers=2, chunks_ahead=1)
    first = next(gen)
    assert first.article.id == "x0"
    # 2 workers x (1 + 1) chunks of 2 articles, plus the chunk being assembled
    assert len(read) <= 2 * 2 * 2 + 2
    started = time.monotonic()
    gen.close()  # a consumer that stops early: the workers are stopped, not waited for
    assert time.monotonic() - started < 30


def test_a_model_that_cannot_load_is_the_same_model_error_as_with_one_worker():
    with pytest.raises(ModelError) as one:
        build("no_such_model_xyz")
    with pytest.raises(ModelError) as two:
        list(extract_parallel(iter(articles()), model="no_such_model_xyz", workers=2))
    assert two.value.message() == one.value.message()
    assert two.value.hint


def test_ingest_with_two_workers_stores_the_events_of_one(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, (text, day) in enumerate(TEXTS):
        (folder / f"{i:02d}.txt").write_text(f"date {day}\n\n{text}\n", encoding="utf-8")
    stores = {}
    for workers in (1, 2):
        store = Store(tmp_path / f"store{workers}")
        summary = ingest([str(folder)], store=store, workers=workers, batch_size=2, commit_every=3)
        assert summary.extracted == len(TEXTS) and not summary.failed
        assert summary.model and summary.model["name"]
        stores[workers] = store
    one, two = (list(stores[w].iter_events()) for w in (1, 2))
    assert one and one == two
    assert stores[2].verify() == []
