"""Short, stable ids.

Ids are a letter for the kind (``c`` claim, ``s`` source) and ten hex digits.
Ids of extracted claims and ingested sources are hashes of what they are, so
re-ingesting the same article gives the same ids; hand-logged claims get a
random one. People may type any unique prefix.
"""

from __future__ import annotations

import hashlib
import uuid

ID_DIGITS = 10


def content_hash(text: str) -> str:
    """SHA-256 of the text, the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(kind: str, *parts: object) -> str:
    """A deterministic id from the parts that identify a record."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return kind + digest[:ID_DIGITS]


def random_id(kind: str) -> str:
    """A fresh id for records with no natural identity (hand-logged claims)."""
    return kind + uuid.uuid4().hex[:ID_DIGITS]
