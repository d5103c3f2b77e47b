"""Entity normalisation: demonyms meet their countries, spelling variants meet each other."""

from __future__ import annotations

import pytest

from pipeline.nlp.entities import country_of, entity_key, normalise_all, snap


@pytest.mark.parametrize(
    ("mention", "iso3"),
    [
        ("Chile", "CHL"),
        ("Chilean", "CHL"),
        ("the Chileans", "CHL"),
        ("Norwegian", "NOR"),
        ("Polish", "POL"),
        ("Latvians", "LVA"),
        ("German", "DEU"),
        ("Mexican", "MEX"),
        ("Japanese", "JPN"),
        ("Pakistani", "PAK"),
        ("Ukrainian", "UKR"),
        ("French", "FRA"),
    ],
)
def test_demonyms_meet_their_country(mention: str, iso3: str) -> None:
    assert country_of(mention) == iso3


@pytest.mark.parametrize("mention", ["Democrats", "Republican", "Christian", "Halvorsen Aero", "we"])
def test_non_countries_stay_unmapped(mention: str) -> None:
    assert country_of(mention) is None


def test_entity_keys_of_a_country_and_its_people_are_equal() -> None:
    assert entity_key("Norway", "GPE") == entity_key("the Norwegians", "NORP") == "norway"
    assert entity_key("the Halvorsen Aero’s", "ORG") == "halvorsen aero"


def test_spelling_variants_snap_to_a_known_key() -> None:
    assert snap("halversen aero", ["halvorsen aero", "orvin shipyards"]) == "halvorsen aero"
    assert snap("iraq", ["iran"]) == "iraq"  # short keys are different words, not typos
    assert snap("kestrel ports", ["orvin shipyards"]) == "kestrel ports"


def test_normalise_all_dedupes_and_snaps_within_the_mentions() -> None:
    keys = normalise_all([("Halvorsen Aero", "ORG"), ("Halversen Aero", "ORG"), ("Polish", "NORP"), ("Poland", "GPE")])
    assert keys == ["halvorsen aero", "poland"]


def test_country_prefilter_runs_every_regex_that_could_match() -> None:
    """Skipping regexes by their required text gives exactly the hits of running them all."""
    import random

    from pipeline.nlp.entities import _candidates, _countries, _match_country

    rng = random.Random(5)
    syllables = [
        "ka",
        "ri",
        "sto",
        "vel",
        "mar",
        "dun",
        "ta",
        "os",
        "lin",
        "gra",
        "be",
        "zan",
        "tor",
        "ul",
        "mi",
        "ro",
        "sen",
        "ha",
        "pol",
        "ne",
        "vi",
        "lo",
        "uz",
        "ge",
    ]
    names = [row[1].lower() for row in _countries()]
    probes = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(300)]
    probes += [name[: rng.randint(3, len(name))] + rng.choice(["", "ia", "stan", "n", "ese"]) for name in names]
    probes += ["germany", "polish", "tajikistan", "kyrgyz", "the netherlands", "côte d'ivoire", "UK"]
    for probe in probes:
        every = [row[0] for row in _countries() if row[2].search(probe)]
        assert _match_country(probe) == (every[0] if len(every) == 1 else None), probe
        assert {i for i, row in enumerate(_countries()) if row[2].search(probe)} <= set(_candidates(probe)), probe
