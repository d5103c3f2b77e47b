"""Issue 13, third round: claimants a desk can file, statement dates from the frame, no-claims dropped.

Every text is written here; names, places and figures are invented.
"""

from __future__ import annotations

from spacy.language import Language

from claims.dates import PartialDate
from claims.models import Claim
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.claims.layout import byline_name
from pipeline.nlp.context.docmeta import make_doc


def _claims(nlp: Language, text: str, published: str = "2024-05-09", **meta: str) -> list[Claim]:
    meta.setdefault("outlet", "The Eastholm Star")
    doc = nlp(make_doc(nlp, text, published=PartialDate(published), **meta))
    return doc_to_claims(doc, "t")


def _one(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words.lower() in c.text.lower()]
    assert found, f"no claim with {words!r} in {[c.text for c in claims]}"
    return found[0]


def _none(claims: list[Claim], words: str) -> None:
    assert not [c for c in claims if words.lower() in c.text.lower()], [c.text for c in claims]


def test_titles_surnames_and_spokespeople_resolve_to_who_speaks(claims_nlp: Language) -> None:
    text = (
        "Harbour Sen. Ilsa Marrow and Sen. Petr Vollan met the ferry operators on Monday.\n\n"
        "The Harbour senator said the subsidy had been cut by a quarter.\n\n"
        "Norrland Ferries said it would keep the winter routes. A spokesperson said the company had "
        "lost 2 million crowns in 2023.\n\n"
        "A Vollan spokesman, Otto Brisk, said the senator had never voted for the cut."
    )
    claims = _claims(claims_nlp, text)
    assert _one(claims, "cut by a quarter").claimant == "Ilsa Marrow"
    assert _one(claims, "lost 2 million").claimant == "Norrland Ferries"
    assert _one(claims, "never voted").claimant == "Otto Brisk"


def test_a_shared_surname_goes_to_the_person_the_story_names_most(claims_nlp: Language) -> None:
    text = (
        "Governor Anna Vesk spoke in Brakkvik on Monday. Anna Vesk said the bridge would open in June. "
        "Her father, Tomas Vesk, a retired engineer, watched from the front row.\n\n"
        "Vesk said the budget had doubled since 2020."
    )
    assert _one(_claims(claims_nlp, text), "budget had doubled").claimant == "Anna Vesk"


def test_a_bare_common_noun_is_left_unresolved_not_filed_as_a_claimant(claims_nlp: Language) -> None:
    claims = _claims(claims_nlp, "A source said the ferry contract had been signed in secret on Friday.")
    claim = _one(claims, "contract had been signed")
    assert claim.claimant is None and claim.unresolved


def test_a_content_year_never_dates_the_statement(claims_nlp: Language) -> None:
    text = (
        "Mayor Lena Hult spoke to reporters on Tuesday.\n\n"
        "Hult stressed her support of the 2011 harbour deal and said the port had grown every year since."
    )
    claim = _one(_claims(claims_nlp, text, "2024-05-09"), "port had grown")
    assert str(claim.claim_date) == "2024-05-07"


def test_has_said_takes_no_earlier_date(claims_nlp: Language) -> None:
    text = (
        "The councillor, Rolf Amsel, told this newspaper in April that ferry use had halved.\n\n"
        "Amsel has said that most islanders now fly to the mainland."
    )
    claims = _claims(claims_nlp, text, "2024-06-05")
    assert str(_one(claims, "fly to the mainland").claim_date) == "2024-06-05"


def test_no_checkable_proposition_is_no_claim_and_a_verdict_on_truth_stays(claims_nlp: Language) -> None:
    text = (
        'Councillor Mia Strand said on Monday: "The money could have paid for twenty nurses."\n\n'
        'Strand added: "You will hear that the ferries are safe. This is a case about bookkeeping, not safety."\n\n'
        "Strand called the report a whitewash.\n\n"
        'The operator\'s chief, Karl Ode, said Strand had claimed the ferries carried 900 people. "That is a lie," '
        "Ode said. He called for an independent inspection of the fleet."
    )
    claims = _claims(claims_nlp, text)
    _none(claims, "could have paid")
    _none(claims, "You will hear")
    _none(claims, "case about bookkeeping")
    _none(claims, "whitewash")
    assert _one(claims, "That is a lie").claimant == "Karl Ode"
    assert _one(claims, "independent inspection").claimant == "Karl Ode"


def test_a_byline_gives_one_name() -> None:
    assert byline_name("By JANE ROE,Jo Doe contributed research.") == "Jane Roe"
    assert byline_name("By ANNA LIND. Email: alind@example.org") == "Anna Lind"
    assert byline_name("AP") == "AP"
    assert byline_name(None) is None


def test_a_time_left_in_the_subject_is_no_part_of_the_name(claims_nlp: Language) -> None:
    text = "Ilsa Marrow spoke in Brakkvik. Marrow this week said the ferry fares would rise by 8 percent."
    assert _one(_claims(claims_nlp, text), "fares would rise").claimant == "Ilsa Marrow"
