"""Store limits on PostgreSQL: concurrent writers, index and tsvector sizes, program limits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import insert

from bot.store import Store
from bot.store.schema import items
from tests.bot.store.test_store_hostile import _result


def test_an_item_stored_by_another_process_meanwhile_is_shared_not_a_failure(
    db_url: str,
) -> None:
    import threading
    import time

    from bot.store.store import utcnow

    store = Store.open(db_url)
    email, result = _result("<first@x>", "Weekly", "a@example.com", "Research")
    store.save_issue(b"first", "test", email, result, [[]])
    [item] = result.items
    other = replace(item, title="Shared story", url="https://example.com/shared")
    key = other.identity("Weekly")
    email2, result2 = _result("<second@x>", "Weekly", "a@example.com", "Research")
    result2 = replace(result2, items=(other,))
    outcome: list[object] = []
    with store.engine.connect() as rival:
        # Another process has inserted the item but not committed yet.
        rival.execute(
            insert(items).values(
                key=key,
                title="Shared story",
                blurb="",
                sponsor=False,
                authors="[]",
                links="[]",
                first_newsletter_id=1,
                created_at=utcnow(),
            )
        )
        worker = threading.Thread(
            target=lambda: outcome.append(
                store.save_issue(b"second", "test", email2, result2, [[]])
            )
        )
        worker.start()
        time.sleep(0.3)  # the worker is now waiting on the rival's row (or its write lock)
        rival.commit()
    worker.join(timeout=30)
    [saved] = outcome
    assert (saved.new_items, saved.known_items) == (0, 1)  # type: ignore[attr-defined]
    assert store.counts()["items"] == 2
    store.close()


def test_an_item_with_a_giant_blurb_is_stored_and_found(db_url: str) -> None:
    from bot.search import search

    store = Store.open(db_url)
    email, result = _result("<giant@x>", "Weekly", "a@example.com", "Research")
    words = " ".join(f"w{n:06d}" for n in range(250_000))  # 2 MB of distinct words
    giant = replace(result.items[0], title="Zeppelin logistics", blurb="Quokka " + words)
    outcome = store.save_issue(b"giant", "test", email, replace(result, items=(giant,)), [[]])
    assert outcome.new_items == 1
    [hit] = search(store, "quokka zeppelin").hits
    assert hit.title == "Zeppelin logistics"
    store.close()


def test_a_message_id_too_big_for_the_index_is_kept(db_url: str) -> None:
    store = Store.open(db_url)
    # 1,200 distinct CJK characters: 3,600 bytes that do not compress below B-tree limits.
    wide = "<" + "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1200)) + "@x>"
    raw_id = store.save_failed(b"wide", "test", wide, "reason")
    assert store.known_raw(b"other bytes", wide) == raw_id
    store.close()


def test_a_program_limit_is_refused_for_good_not_retried(pg_url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from bot.ingest import _refused

    store = Store.open(pg_url)
    with store.engine.connect() as conn, pytest.raises(OperationalError) as caught:
        conn.execute(
            text(
                "SELECT to_tsvector('simple', string_agg(md5(g::text), ' ')) "
                "FROM generate_series(1, 60000) g"
            )
        )
    assert _refused(caught.value), "retrying cannot make the value smaller"
    store.close()
    with pytest.raises(OperationalError) as refused:
        Store.open("postgresql+psycopg://nobody@127.0.0.1:9/x", apply_migrations=False).counts()
    assert not _refused(refused.value), "a closed port may open: that one is retried"


def test_a_server_that_never_answers_is_a_timeout_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket
    import time

    from bot.errors import StoreError
    from bot.store import store as store_module

    monkeypatch.setattr(store_module, "CONNECT_TIMEOUT_SECONDS", 1)
    with socket.socket() as silent:  # accepts the TCP connection, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"^cannot open database .*timeout"):
            Store.open(f"postgresql+psycopg://gleaner:pw@127.0.0.1:{port}/x")
    assert time.monotonic() - started < 10


def test_the_folder_lock_engine_keeps_the_password_and_the_timeout(pg_url: str) -> None:
    from bot.mail.folder_lock import lock_engine

    with_password = pg_url.replace("postgres@", "postgres:any-password@")
    store = Store.open(with_password)
    locks = lock_engine(store.engine)
    assert locks is not None
    assert locks.url.password == "any-password"
    with locks.connect() as conn:  # trust auth: the server accepts any password
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        assert "connect_timeout=10" in dbapi.info.dsn
    locks.dispose()
    store.close()
