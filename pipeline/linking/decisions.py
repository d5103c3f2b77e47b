"""What linking returns: the decision for one pair, and the summaries of an ingest run and of `relink`.

Split from `link` so that module reads as the linking walk itself; `link` re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claims.ledger import LinkRequest
from claims.models import Claim


@dataclass(frozen=True)
class LinkDecision:
    """An automatic link as proposed by stance scoring."""

    from_id: str
    to_id: str
    stance: str
    reason: dict[str, Any]
    auto: bool = True  # at or above the auto threshold: counts for status; else a suggestion

    @property
    def origin(self) -> str:
        """How the ledger stores it: `auto`, or `suggested` for a person to accept or reject."""
        return "auto" if self.auto else "suggested"

    def request(self) -> LinkRequest:
        return LinkRequest(self.from_id, self.to_id, self.stance, self.reason, origin=self.origin)


@dataclass
class LinkingResult:
    """What `link_new_claims` did.

    `claims` are the new claims now stored; `merged_into` maps each repeat's id to
    the earlier claim it became an appearance of; `decisions` are the links written.
    `links` and `merged` are the counts ingest prints.
    """

    claims: list[Claim] = field(default_factory=list)
    merged_into: dict[str, str] = field(default_factory=dict)
    decisions: list[LinkDecision] = field(default_factory=list)
    refused: int = 0

    @property
    def links(self) -> int:
        return len(self.decisions)

    @property
    def merged(self) -> int:
        return len(self.merged_into)


@dataclass
class RelinkSummary:
    """What `relink` changed."""

    claims: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    refused: int = 0
    suggested: int = 0  # of the links relink calls for, those below the auto threshold (for review)
