"""The learned stance model: a multinomial logistic regression over `features.NAMES`, read from JSON.

`scripts/train_stance.py` fits it with scikit-learn and writes
`pipeline/lexicon/data/stance_model.json` (weights per class and feature, the
chosen auto threshold, the held-back reliability table and where the training
data came from). Scoring here is plain Python: one dot product per class, a few
microseconds, and no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

CLASSES: tuple[str, ...] = ("none", "supports", "contradicts", "observing")
MODEL_FILE = "data/stance_model.json"


@dataclass(frozen=True)
class StanceModel:
    """Weights by class, in `CLASSES` order, and what training recorded beside them."""

    classes: tuple[str, ...]
    features: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    auto_threshold: float
    meta: dict[str, Any]

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """P(class | features), softmax over the classes; features the model does not know are ignored."""
        # Most features are 0 for a pair: sum over the ones that fired only.
        fired = [(i, features[name]) for i, name in enumerate(self.features) if features.get(name)]
        logits = [b + sum(row[i] * v for i, v in fired) for row, b in zip(self.coef, self.intercept, strict=True)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "features": list(self.features),
            "coef": [list(r) for r in self.coef],
            "intercept": list(self.intercept),
            "auto_threshold": self.auto_threshold,
            "meta": self.meta,
        }


def from_json(data: dict[str, Any]) -> StanceModel:
    return StanceModel(
        classes=tuple(data["classes"]),
        features=tuple(data["features"]),
        coef=tuple(tuple(float(v) for v in row) for row in data["coef"]),
        intercept=tuple(float(v) for v in data["intercept"]),
        auto_threshold=float(data["auto_threshold"]),
        meta=data.get("meta", {}),
    )


@lru_cache(maxsize=1)
def stance_model() -> StanceModel:
    """The committed model, loaded once."""
    text = resources.files("pipeline.lexicon").joinpath(MODEL_FILE).read_text("utf-8")
    return from_json(json.loads(text))
