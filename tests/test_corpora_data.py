"""The project's own test corpora stay well-formed, and their scorers count what they say.

The corpora (tests/data/stance_pairs_heldout.jsonl, hand_judged/, link_stories/) are
the yardsticks of issues 13 and 14: a key that no longer occurs in its article,
a judgement whose accepted date is after publication, or an article whose
metadata the loader cannot read would silently skew every figure measured on
them. The scorers are tested on synthetic claims, without running the CLI.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from sources.markdown import read_markdown

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
HAND = DATA / "hand_judged"
STORIES = DATA / "link_stories"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*", text.lower().replace("\u2019", "'")))


# -- stance pairs -------------------------------------------------------------


def test_stance_pairs_are_labelled_and_grouped() -> None:
    rows = [json.loads(line) for line in (DATA / "stance_pairs_heldout.jsonl").read_text().splitlines() if line.strip()]
    assert len(rows) >= 150
    assert all(set(r) == {"claim", "statement", "label", "group"} for r in rows)
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == {"for", "against", "observing", "unrelated"}
    assert min(labels.values()) >= 30  # no class so thin that a model can ignore it
    assert len({(r["claim"], r["statement"]) for r in rows}) == len(rows)
    # One claim per group, so cross-validation by group keeps a claim's statements together.
    claims_by_group: dict[str, set[str]] = {}
    for r in rows:
        claims_by_group.setdefault(r["group"], set()).add(r["claim"])
    assert all(len(c) == 1 for c in claims_by_group.values())


# -- hand-judged articles -----------------------------------------------------


ARTICLES = sorted((HAND / "articles").glob("*.md"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_hand_judged_article_metadata_reaches_the_loader(path: Path) -> None:
    doc = read_markdown(path.read_text(encoding="utf-8"), path=str(path))
    assert doc.published is not None and doc.outlet and doc.author and doc.title
    assert 300 <= len(doc.text.split()) <= 700


def test_hand_judged_gold_keys_occur_in_their_articles() -> None:
    gold = json.loads((HAND / "gold.json").read_text())["articles"]
    assert len(gold) == len(ARTICLES) >= 12
    for art in gold:
        text = _norm((HAND / "articles" / f"{art['article']}.md").read_text(encoding="utf-8"))
        for claim in art["claims"]:
            assert _norm(claim["key"]) in text, (art["article"], claim["key"])
            assert claim["polarity"] in ("affirmed", "denied") and claim["quote"] in ("direct", "paraphrase")
            assert claim["claim_date"][:10] <= art["published"], (art["article"], claim["key"])


def test_judgements_are_complete_and_never_accept_a_date_after_publication() -> None:
    judged = json.loads((HAND / "judgements_baseline.json").read_text())["judgements"]
    published = {a["article"]: a["published"] for a in json.loads((HAND / "gold.json").read_text())["articles"]}
    for j in judged:
        assert j["article"] in published
        if j["real"]:
            assert j["accepted_claimants"] is not None and j["accepted_dates"], j["text"]
            assert all(d[:10] <= published[j["article"]] for d in j["accepted_dates"]), j["text"]
        else:
            assert j["claimant_ok"] is None and j["date_ok"] is None


def test_scoring_the_judged_claims_reproduces_the_judgement() -> None:
    """Fed the judged claims themselves, the scorer must agree with the judge on every count."""
    ev = _script("eval_hand_judged")
    judged = json.loads((HAND / "judgements_baseline.json").read_text())["judgements"]
    gold = json.loads((HAND / "gold.json").read_text())["articles"]
    claims = [{**j, "span": j["span"] or [0, 0]} for j in judged]
    fig = ev.score(claims, judged, gold)
    assert fig.unjudged == 0 and fig.judged == len(judged)
    assert fig.real == sum(j["real"] for j in judged)
    assert fig.claimant_right == sum(bool(j["claimant_ok"]) for j in judged)
    assert fig.date_right == sum(bool(j["date_ok"]) for j in judged)


def test_claimant_matching_tells_two_people_with_one_surname_apart() -> None:
    ev = _script("eval_hand_judged")
    judged = {"accepted_claimants": ["Gwen Marwood"], "rejected_claimants": ["Hollis Marwood"]}
    assert ev.claimant_right("Gwen Marwood", judged)
    assert not ev.claimant_right("Hollis Marwood", judged)
    assert not ev.claimant_right("Marwood", judged)  # ambiguous between the two
    assert ev.claimant_right("Pellow", {"accepted_claimants": ["Gareth Pellow"], "rejected_claimants": []})
    assert not ev.claimant_right("its owner", {"accepted_claimants": [""], "rejected_claimants": ["its owner"]})


def test_an_unjudged_claim_is_listed_not_scored() -> None:
    ev = _script("eval_hand_judged")
    judged = [
        {"article": "a", "text": "The bridge will close in June", "real": True, "claimant_ok": True, "date_ok": True,
         "text_ok": True, "polarity": "affirmed", "accepted_claimants": ["Ann Lee"], "rejected_claimants": [],
         "accepted_dates": ["2025-01-02"], "note": ""},
    ]  # fmt: skip
    claims = [
        {"article": "a", "text": "the bridge will close in June.", "claimant": "Lee", "claim_date": "2025-01-02",
         "polarity": "affirmed", "span": [0, 10]},
        {"article": "a", "text": "Tolls rose by a third", "claimant": "Ann Lee", "claim_date": "2025-01-02",
         "polarity": "affirmed", "span": [20, 40]},
    ]  # fmt: skip
    fig = ev.score(claims, judged, [])
    assert (fig.judged, fig.unjudged, fig.real, fig.claimant_right, fig.date_right) == (1, 1, 1, 1, 1)
    assert fig.unjudged_claims[0]["text"] == "Tolls rose by a third"


# -- link stories -------------------------------------------------------------


STORY_GOLD = json.loads((STORIES / "gold.json").read_text())["stories"]


@pytest.mark.parametrize("story", STORY_GOLD, ids=lambda s: s["story"])
def test_link_story_is_well_formed(story: dict) -> None:
    paths = [STORIES / story["story"] / name for name in story["articles"]]
    assert 2 <= len(paths) <= 4
    docs = [read_markdown(p.read_text(encoding="utf-8"), path=str(p)) for p in paths]
    assert all(d.published is not None and d.outlet for d in docs)
    dates = [str(d.published) for d in docs]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)  # file order is publication order
    text = _norm(" ".join(p.read_text(encoding="utf-8") for p in paths))
    for cid, entry in [*story["claims"].items(), *story["distractors"].items()]:
        assert all(_norm(k) in text for k in entry["keys"]), cid
    for link in story["links"]:
        assert link["from"] in story["claims"] and link["to"] in story["claims"]
        assert link["stance"] in ("supports", "contradicts")
    assert set(story["disputed"]) <= set(story["claims"])
    assert story["distractors"], "every story carries distractors"


def test_link_stories_cover_enough_ground() -> None:
    assert len(STORY_GOLD) >= 10
    assert sum(link["stance"] == "contradicts" for s in STORY_GOLD for link in s["links"]) >= 15


def test_link_story_scoring_counts_right_false_and_ignored_links() -> None:
    ev = _script("eval_link_stories")
    story = {
        "story": "x",
        "claims": {"said": {"claimant": "Ann Lee", "keys": ["bridge will close"]},
                   "denied": {"claimant": "Bo Park", "keys": ["bridge will not close"]}},
        "distractors": {"school": {"keys": ["opened a school"]}},
        "links": [{"from": "denied", "to": "said", "stance": "contradicts"}],
        "optional": [],
        "disputed": ["said"],
    }  # fmt: skip

    def claim(cid: str, text: str, claimant: str, status: str, links: list) -> dict:
        return {"id": cid, "text": text, "claimant": claimant, "status": status, "links": links, "source": {}}

    claims = [
        claim("c1", "The bridge will close in March", "Ann Lee", "disputed",
              [{"claim_id": "c2", "stance": "contradicts", "origin": "auto", "reason": {}}]),
        claim("c2", "The bridge will not close", "Bo Park", "unverified",
              [{"claim_id": "c1", "stance": "contradicts", "origin": "auto", "reason": {}},
               {"claim_id": "c3", "stance": "contradicts", "origin": "auto", "reason": {"relation": "antonym"}}]),
        claim("c3", "The minister opened a school", "Cy Dale", "disputed", []),
    ]  # fmt: skip
    sc = ev.score_story(story, claims)
    assert sc.predicted["contradicts"] == 2 and sc.right["contradicts"] == 1 and sc.found["contradicts"] == 1
    assert sc.false_links[0]["why"] == "touches distractor school"
    assert (sc.disputed_predicted, sc.disputed_right, sc.disputed_found) == (2, 1, 1)


def test_only_automatic_links_that_count_are_scored() -> None:
    ev = _script("eval_link_stories")
    assert ev.is_automatic({"origin": "auto", "stance": "supports"})
    assert not ev.is_automatic({"origin": "manual", "stance": "supports"})
    assert not ev.is_automatic({"origin": "auto", "stance": "supports", "state": "suggested"})
    assert not ev.is_automatic({"origin": "auto", "stance": "supports", "status": "pending"})
