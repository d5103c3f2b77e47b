"""`claimtrack config`: the ledger's own settings, set once so everyday commands need no flags.

Why the ledger's `settings` table and not a file next to the user (or
`pipeline/cli/settings.py`, which reads the environment): the organisation that
publishes the fact-checks belongs to the ledger, not to one person's shell. A
PostgreSQL ledger is shared by the whole desk, the web desk reads the same
values, and `db export`/`db import` carry them in a backup; a per-user file
would let two people export the same verdicts under two names. The
environment stays for what differs per machine (the database URL, the spaCy
model, limits).

Public keys are short and stable (`org.name`); each maps to the setting the
library reads (`claimreview.org_name`), and each value is checked before it is
stored, so a bad URL is refused at `config set`, not at the next export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claims.errors import InvalidInput
from claims.ledger import Ledger
from claims.models import check_http_url
from claims.text import visible


def _text(value: str) -> str:
    if not visible(value):
        raise ValueError("the value is empty")
    return value.strip()


def _url(value: str) -> str:
    return check_http_url(value) or _text(value)


def _template(value: str) -> str:
    if "{claim_id}" not in value:
        raise ValueError("the template must contain {claim_id}")
    try:
        example = value.format(org_url="https://example.org", claim_id="c0000000000")
    except (KeyError, IndexError, ValueError):
        raise ValueError("only {org_url} and {claim_id} may appear in braces") from None
    check_http_url(example)
    return value.strip()


@dataclass(frozen=True)
class ConfigKey:
    """A public configuration key: the ledger setting it writes, what it means, and its check."""

    setting: str
    help: str
    check: Callable[[str], str]


CONFIG_KEYS: dict[str, ConfigKey] = {
    "org.name": ConfigKey("claimreview.org_name", "the organisation publishing the fact-checks", _text),
    "org.url": ConfigKey("claimreview.org_url", "the organisation's http(s) URL", _url),
    "review.url_template": ConfigKey(
        "claimreview.url_template",
        "where fact-checks live when a verdict gives no --review-url, e.g. {org_url}/checks/{claim_id}",
        _template,
    ),
}


def _key(key: str) -> ConfigKey:
    try:
        return CONFIG_KEYS[key]
    except KeyError:
        raise InvalidInput(f"unknown setting {key!r}: use one of {', '.join(CONFIG_KEYS)}") from None


def set_config(ledger: Ledger, key: str, value: str) -> str:
    """Check and store one setting; returns the value as stored."""
    spec = _key(key)
    try:
        checked = spec.check(value)
    except ValueError as exc:
        raise InvalidInput(f"{key} {value!r}: {exc}") from None
    ledger.set_setting(spec.setting, checked)
    return checked


def get_config(ledger: Ledger, key: str) -> str | None:
    """One setting's value, or None when it is not set."""
    return ledger.get_setting(_key(key).setting)


def all_config(ledger: Ledger) -> dict[str, str | None]:
    """Every public setting and its value (None when not set), in a fixed order."""
    with ledger.read() as conn:
        return {key: ledger.get_setting(spec.setting, conn=conn) for key, spec in CONFIG_KEYS.items()}


__all__ = ["CONFIG_KEYS", "all_config", "get_config", "set_config"]
