"""The JSON API's account calls: who the token is, and user management for admins.

An admin cannot disable or demote their own account here, so the API cannot
lock the last admin out (`claimtrack users` on the server can always repair).
"""

from __future__ import annotations

from fastapi import HTTPException
from pydantic import BaseModel, ConfigDict, Field

from claims.users import ApiToken, User
from pipeline.desk.api_base import Admin, LedgerDep, Viewer, api_router

router = api_router(tags=["users"])


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=64)
    role: str = Field(description="viewer|checker|editor|admin")
    password: str = Field(max_length=1024)


class RoleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(description="viewer|checker|editor|admin")


class PasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=1024)


def _not_yourself(admin: User, name: str, what: str) -> None:
    if name.strip() == admin.name:
        raise HTTPException(400, f"an admin cannot {what} their own account: ask another admin, or use the CLI")


@router.get("/me")
def me(user: Viewer) -> User:
    """The token's user and role."""
    return user


@router.get("/users")
def list_users(user: Admin, ledger: LedgerDep) -> list[User]:
    """Every account (admins only)."""
    return ledger.list_users()


@router.post("/users", status_code=201)
def add_user(body: UserIn, user: Admin, ledger: LedgerDep) -> User:
    """Create an account (as `claimtrack users add`)."""
    return ledger.add_user(body.name, body.role, body.password)


@router.post("/users/{name}/disable")
def disable_user(name: str, user: Admin, ledger: LedgerDep) -> User:
    """Disable an account: its logins, sessions and tokens stop now."""
    _not_yourself(user, name, "disable")
    return ledger.set_user_disabled(name, True)


@router.post("/users/{name}/enable")
def enable_user(name: str, user: Admin, ledger: LedgerDep) -> User:
    return ledger.set_user_disabled(name, False)


@router.post("/users/{name}/role")
def set_role(name: str, body: RoleIn, user: Admin, ledger: LedgerDep) -> User:
    """Give an account another role."""
    if body.role != "admin":
        _not_yourself(user, name, "demote")
    return ledger.set_user_role(name, body.role)


@router.post("/users/{name}/password")
def set_password(name: str, body: PasswordIn, user: Admin, ledger: LedgerDep) -> User:
    """Set a new password; the account's desk sessions end."""
    return ledger.set_password(name, body.password)


@router.get("/users/{name}/tokens")
def list_tokens(name: str, user: Admin, ledger: LedgerDep) -> list[ApiToken]:
    """An account's API tokens (first characters only)."""
    return ledger.list_tokens(name)


@router.post("/tokens/{token_id}/revoke")
def revoke_token(token_id: int, user: Admin, ledger: LedgerDep) -> ApiToken:
    """Revoke an API token by its number."""
    return ledger.revoke_token(token_id)
