"""Password and secret hashing: argon2 for passwords, SHA-256 for random tokens.

Passwords are chosen by people, so they get a slow, memory-hard hash (argon2id
through argon2-cffi, a well-kept binding of the reference implementation) whose
parameters live in the hash string itself: a later claimtrack with stronger
parameters still verifies old hashes and upgrades them at the next login.
API tokens and session ids are 256-bit random strings made here, so a plain
SHA-256 is enough to keep the ledger free of anything usable if it leaks, and
lets the ledger find a token by its hash with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from claims.errors import InvalidInput
from claims.text import visible

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MAX_PASSWORD_CHARS = 1024  # far above any passphrase; longer is an accident or an attempt to burn CPU

# Both made on first use: every command imports the ledger, and only logins and `users` need argon2
# (importing it and hashing the dummy cost about 0.2 s of each command's start-up).
_hasher: PasswordHasher | None = None
_dummy: dict[int, str] = {}


def _ph() -> PasswordHasher:
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher()
    return _hasher


def _dummy_hash() -> str:
    """Verified against when the user does not exist, so a wrong name costs as long as a wrong password."""
    hasher = _ph()
    if id(hasher) not in _dummy:
        _dummy[id(hasher)] = hasher.hash(secrets.token_urlsafe(16))
    return _dummy[id(hasher)]


def check_password(password: str | None) -> str:
    """`password` if it can be used; raises `InvalidInput` naming the problem."""
    if password is None or not visible(password):
        raise InvalidInput("the password is empty")
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInput(f"the password is longer than {MAX_PASSWORD_CHARS} characters")
    if "\x00" in password:
        raise InvalidInput("the password contains a NUL character")
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of a checked password (salted; parameters inside the string)."""
    return _ph().hash(check_password(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches `stored_hash`; None (no such user) still spends the same time."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _ph().verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    from argon2.exceptions import InvalidHashError

    try:
        return _ph().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def new_secret(prefix: str = "") -> str:
    """A fresh 256-bit random string (URL-safe), for API tokens and session ids."""
    return prefix + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the ledger stores for a token or session id: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
