"""A desk restarted while an upload's page was open: its poll gets a clean "progress was lost", not errors."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

Make = Callable[..., TestClient]


def test_a_forgotten_job_ends_the_poll_with_a_message(make_client: Make) -> None:
    client = make_client("chen")
    polled = client.get("/add/jobs/0123456789ab", headers={"HX-Request": "true"})
    assert polled.status_code == 200  # htmx swaps it in, and the panel no longer polls
    assert "restarted" in polled.text and "hx-trigger" not in polled.text
    opened = client.get("/add/jobs/<b>x")
    assert opened.status_code == 404 and "restarted" in opened.text and "<b>x" not in opened.text
