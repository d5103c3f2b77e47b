"""Issue 13, second round: whole articles written here, with the claims a fact-checker expects of them.

Each article is in the style of real reporting (an interview, a debate write-up,
a court report, a company dispute) and mixes speakers, denials and distractors.
The names, places and figures are invented for these tests.
"""

from __future__ import annotations

from spacy.language import Language

from claims.dates import PartialDate
from claims.models import Claim
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.context.docmeta import make_doc

INTERVIEW = """Sven Torvund has run the Eastholm ferry cooperative since 2019. On Monday the harbour ministry cut the \
subsidy for the island routes by a quarter. We spoke to him on Wednesday at the cooperative's office in Brakkvik.

Q: The harbour minister, Selma Ravik, said on Monday that the ferries run empty half the year. Is that fair?

Torvund: No. Our own count found that the morning boats carry 400 people a day in winter.

Q: What will you do?

Torvund: We will keep every route open until the end of the year.
"""

DEBATE = """Republican Marta Quillon and Democrat Hugo Brannt met on Tuesday night for their only debate before the \
election for the Eastholm seat.

Quillon spoke first. "Hugo Brannt voted for every fare rise since 2019," she said.

Brannt replied that the fares had been frozen for three years. "My opponent has her numbers wrong," he said.

The Democrat said the ferry company had paid no tax in 2022. She said that was untrue and that the company had paid \
1.2 million crowns.
"""

COURT = """A shipping company overcharged the island council by 3 million crowns for fuel, a prosecutor told Brakkvik \
District Court on Monday.

Opening the case, prosecutor Lena Osk said the company had billed the council for fuel its boats never used. \
"The invoices were invented," Osk told the court.

"The council paid every one of them without a question," Osk continued. Prices continued to rise all year.

According to the council's own accounts, fuel spending rose from 4 million crowns in 2020 to 7 million crowns in 2022.

Eastholm Lines denied that it had overcharged the island council.
"""


def _claims(nlp: Language, text: str, published: str, **meta: str) -> list[Claim]:
    meta.setdefault("outlet", "Brakkvik Post")
    doc = nlp(make_doc(nlp, text, published=PartialDate(published), **meta))
    return doc_to_claims(doc, "s1")


def _one(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words.lower() in c.text.lower()]
    assert found, f"no claim holds {words!r}: {[c.text for c in claims]}"
    return found[0]


def test_interview_label_is_not_the_speaker_and_turns_are_dated_on_the_interview_day(claims_nlp: Language) -> None:
    claims = _claims(claims_nlp, INTERVIEW, "2024-05-09")
    minister = _one(claims, "run empty half the year")
    assert minister.claimant == "Selma Ravik"  # never "Q", the interviewer's label
    assert minister.claim_date == "2024-05-06"  # "said on Monday": the minister's own day
    count = _one(claims, "400 people a day")
    assert count.claimant == "Sven Torvund"
    assert count.claim_date == "2024-05-08"  # said in the interview, on Wednesday
    assert not any(c.claimant == "Q" for c in claims)


def test_debate_speakers_alternate_and_a_name_in_a_quote_is_not_the_speaker(claims_nlp: Language) -> None:
    claims = _claims(claims_nlp, DEBATE, "2024-05-09")
    accusation = _one(claims, "voted for every fare rise")
    assert accusation.claimant is not None and "Quillon" in accusation.claimant  # "she", not the Hugo Brannt quoted
    assert "Brannt" in (_one(claims, "frozen for three years").claimant or "")
    tax = _one(claims, "paid no tax")
    assert "Brannt" in (tax.claimant or "")  # "The Democrat": the one person the story gives that title
    # Not asserted: "She said that was untrue" right after "The Democrat said" needs the speakers' genders,
    # which nothing in the pipeline knows yet (it resolves to the last speaker, Brannt).


def test_court_report_continuation_according_to_and_denial(claims_nlp: Language) -> None:
    claims = _claims(claims_nlp, COURT, "2024-05-07")
    went_on = _one(claims, "paid every one of them")
    assert went_on.claimant == "Lena Osk" and went_on.quote == "direct"  # "Osk continued" is a cue
    assert not any(c.text.startswith("Prices continued") and c.cue == "continued" for c in claims)
    ledger = _one(claims, "fuel spending rose")
    assert ledger.claim_date not in {"2020", "2022"}  # the years are what the accounts say happened, not when
    denied = _one(claims, "had overcharged the island council")
    assert denied.claimant == "Eastholm Lines" and denied.polarity != "affirmed"


def test_an_empty_directive_is_no_claim_but_keeps_its_speaker(claims_nlp: Language) -> None:
    text = (
        "Councillor Ada Pruitt spoke at the harbour on Saturday. She urged residents to act. "
        '"The ferry timetable has been cut twice since March," she said.'
    )
    claims = _claims(claims_nlp, text, "2024-05-13")
    assert not any("to act" in c.text for c in claims)
    assert _one(claims, "cut twice since March").claimant == "Ada Pruitt"
