"""XOAUTH2 end to end: Dovecot checks each token with a local token-info server,
and Gleaner gets its tokens from a command, as it would from Google or Microsoft."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.store import Store
from tests.harness.dovecot import Dovecot, ensure_installed
from tests.mail.conftest import (
    imap,
    ingest_sink,
    is_idling,
    message_id_of,
    newsletter,
    settings_for,
    status_of,
    stored_message_ids,
    wait_for,
    watching,
)


class TokenServer:
    """The identity provider's token-info endpoint: knows which tokens are valid."""

    def __init__(self) -> None:
        self.valid: set[str] = set()
        self.broken = False
        self.checked: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                token = parse_qs(urlsplit(self.path).query).get("token", [""])[0]
                server.checked.append(token)
                ok = token in server.valid
                body = json.dumps(
                    {"active": ok, "username": "gleaner"} if ok else {"active": False}
                )
                self.send_response(500 if server.broken else 200 if ok else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/tokeninfo"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def tokens() -> Iterator[TokenServer]:
    server = TokenServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def oauth_dovecot(tokens: TokenServer) -> Iterator[Dovecot]:
    ensure_installed()
    root = Path(tempfile.mkdtemp(prefix="gleaner-dovecot-oauth-"))
    server = Dovecot(root, oauth2_introspection_url=tokens.url)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def token_command(tmp_path: Path, expires_in: int) -> list[str]:
    """Prints {"access_token": "tok-N", "expires_in": …} with N counting the runs."""
    script = tmp_path / "token.py"
    script.write_text(
        "import json, pathlib\n"
        f"p = pathlib.Path({str(tmp_path / 'runs')!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\n"
        "p.write_text(str(n))\n"
        f"print(json.dumps({{'access_token': f'tok-{{n}}', 'expires_in': {expires_in}}}))\n"
    )
    return [sys.executable, str(script)]


async def test_a_token_from_a_command_logs_in_and_is_renewed_before_it_expires(
    oauth_dovecot: Dovecot, tokens: TokenServer, store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    tokens.valid |= {"tok-1", "tok-2", "tok-3"}
    with imap(oauth_dovecot) as client:
        client.create_folder("Oauth")
    # 63 s of life with a 60 s margin: a fresh token is due after about 3 s.
    oauth2 = {"token_command": token_command(tmp_path, 63), "refresh_margin_seconds": 60}
    settings = settings_for(oauth_dovecot, "Oauth", password=None, oauth2=oauth2)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, "Oauth"), 10, "the watcher to idle")
        assert tokens.checked[-1] == "tok-1"
        await wait_for(lambda: "tok-2" in tokens.checked, 10, "a renewed token")
        tokens.valid.discard("tok-1")  # the old token expires at the provider
        raw = newsletter(700)
        with imap(oauth_dovecot) as client:
            client.append("Oauth", raw)
        await wait_for(lambda: message_id_of(raw) in stored_message_ids(store), 10, "the email")
    assert "tok-1" not in (status_of(store, "Oauth").last_error or "")  # type: ignore[union-attr]


async def test_a_token_the_server_refuses_is_an_authentication_failure(
    oauth_dovecot: Dovecot, tokens: TokenServer, store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    tokens.valid.clear()
    oauth2 = {"token_command": token_command(tmp_path, 3600)}
    settings = settings_for(oauth_dovecot, "INBOX", password=None, oauth2=oauth2)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(
            lambda: (s := status_of(store, "INBOX")) is not None and s.state == "auth_failed",
            10,
            "the refused token",
        )
    status = status_of(store, "INBOX")
    assert status is not None
    assert status.last_error is not None
    assert "the server refused the credentials" in status.last_error
    assert "tok-1" not in status.last_error


async def test_an_identity_provider_outage_is_retried_not_treated_as_a_refusal(
    oauth_dovecot: Dovecot, tokens: TokenServer, store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    tokens.valid |= {"tok-1"}
    tokens.broken = True
    oauth2 = {"token_command": token_command(tmp_path, 3600)}
    settings = settings_for(oauth_dovecot, "INBOX", password=None, oauth2=oauth2)
    try:
        async with watching(settings, sqlite_url, ingest_sink(store)):
            await wait_for(
                lambda: (s := status_of(store, "INBOX")) is not None and s.state == "reconnecting",
                10,
                "a retry",
            )
            status = status_of(store, "INBOX")
            assert status is not None
            assert "authentication is temporarily unavailable" in (status.last_error or "")
            tokens.broken = False
            await wait_for(lambda: is_idling(store, "INBOX"), 10, "the watcher to idle")
    finally:
        tokens.broken = False
