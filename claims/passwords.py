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

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from claims.errors import InvalidInput
from claims.text import visible

MAX_PASSWORD_CHARS = 1024  # far above any passphrase; longer is an accident or an attempt to burn CPU

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


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
    return _hasher.hash(check_password(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches `stored_hash`; None (no such user) still spends the same time."""
    try:
        return _hasher.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def new_secret(prefix: str = "") -> str:
    """A fresh 256-bit random string (URL-safe), for API tokens and session ids."""
    return prefix + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the ledger stores for a token or session id: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
