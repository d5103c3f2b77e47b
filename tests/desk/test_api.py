"""The JSON API under /api/ over HTTP, on both backends: tokens, roles, `by`, errors, OpenAPI, inert text."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from claims.ledger import Ledger
from tests.desk.accounts import PASSWORD, client_for, fast_hashing, log_in

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \u202e'


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


@pytest.fixture
def team(ledger: Ledger) -> Ledger:
    for name, role in (("vic", "viewer"), ("ada", "checker"), ("eve", "editor"), ("root", "admin")):
        ledger.add_user(name, role, PASSWORD)
    return ledger


def bearer(ledger: Ledger, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {ledger.create_token(name).secret}"}


def add_claim(client: TestClient, headers: dict[str, str], text: str, claimant: str, **extra: str) -> str:
    made = client.post("/api/claims", json={"text": text, "claimant": claimant, **extra}, headers=headers)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


# -- tokens -------------------------------------------------------------------------------------
def test_a_token_authenticates_and_a_revoked_one_is_refused(team: Ledger) -> None:
    client = client_for(team)
    made = team.create_token("ada", label="cms")
    headers = {"Authorization": f"Bearer {made.secret}"}
    me = client.get("/api/me", headers=headers)
    assert me.status_code == 200 and me.json()["name"] == "ada" and me.json()["role"] == "checker"
    assert team.list_tokens("ada")[0].last_used is not None
    team.revoke_token(made.token.id)
    refused = client.get("/api/me", headers=headers)
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer"}, {"Authorization": "Bearer ct_made-up"}, {"Authorization": "Basic YWRhOnB3"},
     {"Authorization": "Bearer " + "x" * 5000}],
)
def test_no_valid_token_no_access(team: Ledger, headers: dict[str, str]) -> None:
    response = client_for(team).get("/api/claims", headers=headers)
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_a_disabled_users_token_is_refused(team: Ledger) -> None:
    client = client_for(team)
    headers = bearer(team, "ada")
    assert client.get("/api/me", headers=headers).status_code == 200
    team.set_user_disabled("ada", True)
    assert client.get("/api/me", headers=headers).status_code == 401


def test_a_desk_session_cookie_is_not_an_api_credential(team: Ledger) -> None:
    client = client_for(team)
    assert log_in(client, "ada") == 303
    assert client.get("/api/me").status_code == 401
    assert client.post("/api/claims", json={"text": "t", "claimant": "c"}).status_code == 401


# -- roles and by -------------------------------------------------------------------------------------
def test_a_viewer_reads_but_cannot_write(team: Ledger) -> None:
    client = client_for(team)
    checker, viewer = bearer(team, "ada"), bearer(team, "vic")
    first = add_claim(client, checker, "The ferry fares doubled last year", "Councillor Ana Bel")
    assert client.get("/api/claims", headers=viewer).json()[0]["id"] == first
    assert client.get(f"/api/claims/{first[:6]}", headers=viewer).json()["id"] == first
    writes = [
        ("/api/claims", {"text": "t", "claimant": "c"}),
        ("/api/links", {"from_id": first, "to_id": first, "stance": "supports"}),
        (f"/api/claims/{first}/verdict", {"rating": "false"}),
        ("/api/ingest", {"text": "Some article text."}),
        ("/api/review/r123/accept", {}),
    ]
    for path, body in writes:
        refused = client.post(path, json=body, headers=viewer)
        assert refused.status_code == 403, path
        assert "checker" in refused.json()["detail"]
    assert client.get("/api/claims", headers=viewer).json()[0]["status"] == "unverified"


def test_retract_and_merge_need_an_editor_and_users_an_admin(team: Ledger) -> None:
    client = client_for(team)
    checker = bearer(team, "ada")
    first = add_claim(client, checker, "The tunnel cost two billion", "Minister Ola Dahl")
    retracted = client.post(f"/api/claims/{first}/retract", json={"reason": "not a claim"}, headers=checker)
    assert retracted.status_code == 403
    assert client.post(f"/api/claims/{first}/merge", json={"other": first}, headers=checker).status_code == 403
    assert client.get("/api/users", headers=bearer(team, "eve")).status_code == 403
    listed = client.get("/api/users", headers=bearer(team, "root"))
    assert listed.status_code == 200
    assert [u["name"] for u in listed.json()] == ["ada", "eve", "root", "vic"]
    assert all("password" not in json.dumps(u) for u in listed.json())


def test_writes_record_the_tokens_user_as_by(team: Ledger) -> None:
    client = client_for(team)
    checker = bearer(team, "ada")
    said = add_claim(client, checker, "The bridge opened in May", "Mayor Ines Varga", date="2023-05-02")
    denied = add_claim(client, checker, "The bridge has not opened", "Engineer Tomas Ruud", date="2023-05-04")
    linked = client.post(
        "/api/links", json={"from_id": denied, "to_id": said, "stance": "contradicts", "note": "site visit"},
        headers=checker,
    )
    assert linked.status_code == 200 and linked.json()["by"] == "ada"
    rated = client.post(f"/api/claims/{said}/verdict", json={"rating": "false", "rationale": "still shut"},
                        headers=checker)
    assert rated.status_code == 201 and rated.json()["by"] == "ada"
    history = client.get(f"/api/claims/{said}/history", headers=bearer(team, "vic")).json()
    assert {entry["by"] for entry in history} == {"ada"}
    assert {entry["kind"] for entry in history} >= {"rated"}
    detail = client.get(f"/api/claims/{said}", headers=checker).json()
    assert detail["status"] == "rated" and detail["verdict"]["by"] == "ada"
    disputed = client.get("/api/reports/disputed?include_rated=true", headers=checker)
    assert disputed.status_code == 200 and disputed.headers["content-type"].startswith("application/json")
    assert [c["id"] for c in disputed.json()["claims"]] == [said]
    status = client.get("/api/reports/status", headers=checker).json()
    assert status["total"] == 2
    rejected = client.post("/api/links", json={"from_id": denied, "to_id": said, "reject": True}, headers=checker)
    assert rejected.status_code == 200 and rejected.json()["rejected"] is True


# -- errors ------------------------------------------------------------------------------------------
def test_bad_input_is_a_json_error_not_a_traceback(team: Ledger) -> None:
    client = client_for(team)
    checker = bearer(team, "ada")
    first = add_claim(client, checker, "The port handled a record tonnage", "Harbour master Lia Berg")
    cases = [
        ("get", "/api/claims/zzzz", None, 404),
        ("get", "/api/sources/zzzz", None, 404),
        ("post", f"/api/claims/{first}/verdict", {"rating": "bogus"}, 400),
        ("post", "/api/claims", {"text": " ", "claimant": "x"}, 400),
        ("post", "/api/claims", {"text": "t", "claimant": "c", "date": "not a date"}, 400),
        ("post", "/api/claims", {"text": "t", "claimant": "c", "source_url": "javascript:alert(1)"}, 400),
        ("post", "/api/claims", {"text": "t", "claimant": "c", "extra": 1}, 422),
        ("post", "/api/links", {"from_id": first, "to_id": first}, 400),
        ("post", "/api/links", {"from_id": first, "to_id": first, "stance": "loves"}, 400),
        ("get", "/api/claims?since=yesterday-ish", None, 400),
        ("get", "/api/claims?limit=0", None, 422),
    ]
    for method, path, body, code in cases:
        response = client.request(method, path, json=body, headers=checker)
        assert response.status_code == code, (path, body, response.text)
        assert isinstance(response.json()["detail"], str | list)


def test_the_openapi_document_is_served(team: Ledger) -> None:
    client = client_for(team)
    spec = client.get("/openapi.json")
    assert spec.status_code == 200
    doc = spec.json()
    for path in ("/api/claims", "/api/claims/{claim_id}", "/api/links", "/api/claims/{claim_id}/verdict",
                 "/api/review", "/api/sources", "/api/ingest", "/api/reports/disputed"):
        assert path in doc["paths"], path
    assert any(s.get("scheme") == "bearer" for s in doc["components"]["securitySchemes"].values())
    assert "ClaimIn" in doc["components"]["schemas"]


# -- hostile text ------------------------------------------------------------------------------------
def test_hostile_stored_text_stays_inert_in_api_json(team: Ledger) -> None:
    client = client_for(team)
    checker = bearer(team, "ada")
    made = client.post(
        "/api/claims", json={"text": HOSTILE, "claimant": HOSTILE, "source_title": HOSTILE,
                             "source_url": "https://example.org/<x>"},
        headers=checker,
    )
    assert made.status_code == 201
    claim_id = made.json()["id"]
    for path in ("/api/claims", f"/api/claims/{claim_id}", "/api/sources", "/api/reports/status"):
        response = client.get(path, headers=checker)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "<" not in response.text and ">" not in response.text and "\u202e" not in response.text
    shown = client.get(f"/api/claims/{claim_id}", headers=checker).json()
    assert shown["text"] == HOSTILE  # escaped on the wire, the same text once parsed


@pytest.mark.slow
def test_ingest_text_stores_the_articles_claims(team: Ledger) -> None:
    client = client_for(team)
    text = (
        "Harbour Herald, 2 May 2023. Mayor Ines Varga said on Monday that the new harbour bridge "
        "had opened to traffic. Port engineer Tomas Ruud said the bridge would stay shut until June."
    )
    done = client.post("/api/ingest", json={"text": text, "published": "2023-05-02", "outlet": "Harbour Herald"},
                       headers=bearer(team, "ada"))
    assert done.status_code == 201, done.text
    body = done.json()
    assert body["outcome"] == "added" and body["claims"]
    assert client.get("/api/sources", headers=bearer(team, "vic")).json()[0]["outlet"] == "Harbour Herald"


def test_admins_manage_users_but_cannot_lock_themselves_out(team: Ledger) -> None:
    client = client_for(team)
    admin = bearer(team, "root")
    made = client.post("/api/users", json={"name": "kim", "role": "viewer", "password": PASSWORD}, headers=admin)
    assert made.status_code == 201 and made.json() == {**made.json(), "name": "kim", "role": "viewer"}
    again = client.post("/api/users", json={"name": "kim", "role": "viewer", "password": "x"}, headers=admin)
    assert again.status_code == 400 and "already exists" in again.json()["detail"]
    assert client.post("/api/users", json={"name": "x", "role": "viewer", "password": "x"},
                       headers=bearer(team, "eve")).status_code == 403
    assert client.post("/api/users/kim/role", json={"role": "checker"}, headers=admin).json()["role"] == "checker"
    kim = bearer(team, "kim")
    assert client.get("/api/me", headers=kim).status_code == 200
    assert client.post("/api/users/kim/disable", headers=admin).json()["disabled"] is True
    assert client.get("/api/me", headers=kim).status_code == 401
    assert client.post("/api/users/kim/enable", headers=admin).json()["disabled"] is False
    assert client.post("/api/users/kim/password", json={"password": "new one"}, headers=admin).status_code == 200
    assert team.authenticate("kim", "new one") is not None
    tokens = client.get("/api/users/kim/tokens", headers=admin).json()
    assert len(tokens) == 1 and "secret" not in tokens[0]
    assert client.post(f"/api/tokens/{tokens[0]['id']}/revoke", headers=admin).json()["revoked_at"]
    assert client.get("/api/me", headers=kim).status_code == 401
    assert client.post("/api/users/root/disable", headers=admin).status_code == 400
    assert client.post("/api/users/root/role", json={"role": "viewer"}, headers=admin).status_code == 400
    assert client.post("/api/users/zed/disable", headers=admin).status_code == 404
    assert client.post("/api/users/kim/role", json={"role": "boss"}, headers=admin).status_code == 400
