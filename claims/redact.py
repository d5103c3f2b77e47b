"""Hide credentials in text that may reach a user, a terminal or a log.

A `--db postgresql://user:secret@host/db` URL, or a driver error that quotes a
connection string, must never print the password: error messages are pasted
into tickets and chat. `redact` masks the password of every URL with userinfo
(`scheme://user:***@host`) and every `password=...` / `pass=...` key-value pair
(libpq's keyword form), whatever the text around it.
"""

from __future__ import annotations

import re

MASK = "***"

# scheme://user:password@  — the password runs to the last "@" before the host part,
# so passwords that contain "@" or ":" are masked whole ("/" must be percent-encoded there).
_URL_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s'\"]*):(?P<secret>[^\s'\"/]*)@")
# password=secret, password='se cret', pass: secret (libpq DSNs, query strings, driver messages).
_KEY_VALUE = re.compile(
    r"(?P<key>\b(?:password|passwd|pass|pwd|secret|token)\b\s*[=:]\s*)(?P<secret>'[^']*'|\"[^\"]*\"|[^\s&;,)]+)",
    re.IGNORECASE,
)


def redact(text: object) -> str:
    """`text` with every credential it contains replaced by `***`."""
    value = str(text)
    value = _URL_USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", value)
    return _KEY_VALUE.sub(lambda m: f"{m['key']}{MASK}", value)
