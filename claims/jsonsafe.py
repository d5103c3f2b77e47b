"""JSON from outside, read with a bound on nesting so hostile depth is an error, not a RecursionError.

json.loads itself recurses in C and raises RecursionError somewhere near a
thousand levels; every walker over the result (ours, trafilatura's) recurses
in Python too. No real ClaimReview, AVeriTeC record or JSON-LD block nests
more than a dozen levels, so anything past `MAX_DEPTH` is refused with a
one-line reason naming the limit.
"""

from __future__ import annotations

import json
from typing import Any

from claims.errors import InvalidInput

MAX_DEPTH = 64


class TooDeep(InvalidInput):
    """A JSON value nests deeper than `MAX_DEPTH` levels."""


class NotJson(InvalidInput):
    """Text that is not JSON at all."""


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when `value` has lists/dicts nested more than `limit` levels (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def too_deep_message(limit: int = MAX_DEPTH) -> str:
    return f"JSON nested more than {limit} levels deep"


def loads(text: str, *, strict: bool = True, limit: int | None = MAX_DEPTH) -> Any:
    """`json.loads` that raises `NotJson` or `TooDeep` (both `InvalidInput`) instead of raw exceptions.

    With `limit=None` the depth is not checked after parsing (callers that bound
    depth per item, so that one deep item does not cost the rest of a file);
    the parser's own recursion limit is still turned into `TooDeep`.
    """
    try:
        data = json.loads(text, strict=strict)
    except RecursionError:
        raise TooDeep(too_deep_message(limit or MAX_DEPTH)) from None
    except json.JSONDecodeError as exc:
        raise NotJson(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if limit is not None and depth_exceeds(data, limit):
        raise TooDeep(too_deep_message(limit))
    return data
