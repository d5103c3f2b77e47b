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
_COLUMNS: dict[int, tuple[StanceModel, dict[str, tuple[float, ...]]]] = {}


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
        # Most features are 0 for a pair: add the weight columns of the ones that fired only.
        columns = self._columns()
        logits = list(self.intercept)
        for name, value in features.items():
            column = columns.get(name) if value else None
            if column is not None:
                for k, w in enumerate(column):
                    logits[k] += w * value
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def _columns(self) -> dict[str, tuple[float, ...]]:
        """Each feature's weights across the classes (built once: scoring runs per pair)."""
        cached = _COLUMNS.get(id(self))
        if cached is None or cached[0] is not self:
            cols = {name: tuple(row[i] for row in self.coef) for i, name in enumerate(self.features)}
            cached = _COLUMNS[id(self)] = (self, cols)
        return cached[1]

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
