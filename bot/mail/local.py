"""Local mail sources: .eml files, mbox files and Maildir folders.

Each source yields ``(raw bytes, source name)``; the source name says where a
message came from (``maildir:/path/cur/…``, ``mbox:/path#3``, ``eml:/path``) so a
failure report points at the file.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.errors import MailError

EML_SUFFIXES = {".eml", ".msg", ".email"}
MAX_FILE_BYTES = 100 * 1024 * 1024
"""A message file bigger than this is reported, not read: no newsletter is 100 MiB, and
reading a runaway file (or a disk image saved as .eml) whole would exhaust memory."""


def read_message(path: Path) -> bytes:
    """One message file's bytes; MailError (and nothing read) if it is too big to be mail."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise MailError(
            f"{path}: {size} bytes, larger than {MAX_FILE_BYTES} bytes; not read as mail"
        )
    return path.read_bytes()


@dataclass(frozen=True, slots=True)
class LocalMessage:
    raw: bytes
    source: str
    error: str | None = None
    """Why the message could not be read (``raw`` is empty then); the others still are."""


def is_maildir(path: Path) -> bool:
    return path.is_dir() and all((path / sub).is_dir() for sub in ("cur", "new"))


def is_mbox(path: Path) -> bool:
    """An mbox file starts with a ``From `` separator line."""
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def maildir_files(path: Path) -> list[Path]:
    """Message files of a Maildir (``new`` then ``cur``), in name order."""
    files: list[Path] = []
    for sub in ("new", "cur"):
        folder = path / sub
        if folder.is_dir():
            files.extend(
                sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
            )
    return files


class LocalSource:
    """Every message under the given paths, counted up front for progress output."""

    def __init__(self, paths: list[Path]) -> None:
        self._plan: list[tuple[str, Path, int]] = []
        for path in paths:
            self._plan.extend(self._expand(path))

    def _expand(self, path: Path) -> Iterator[tuple[str, Path, int]]:
        if not path.exists():
            raise MailError(f"{path}: no such file or folder")
        if is_maildir(path):
            for file in maildir_files(path):
                yield "maildir", file, 1
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and (
                    file.suffix.lower() in EML_SUFFIXES or is_maildir(file.parent)
                ):
                    yield from self._expand(file)
        elif not path.is_file():
            raise MailError(f"{path}: not a file, folder, mbox or Maildir")
        elif is_mbox(path):
            box = mailbox.mbox(path, create=False)
            try:
                yield "mbox", path, len(box)
            finally:
                box.close()
        else:
            yield "eml", path, 1

    def __len__(self) -> int:
        return sum(count for _, _, count in self._plan)

    def __iter__(self) -> Iterator[LocalMessage]:
        for kind, path, _ in self._plan:
            # A file deleted, moved or unreadable since it was counted fails alone.
            if kind == "mbox":
                try:
                    yield from _mbox_messages(path)
                except OSError as exc:
                    yield LocalMessage(b"", f"mbox:{path}", f"cannot read: {exc.strerror}")
            else:
                try:
                    yield LocalMessage(read_message(path), f"{kind}:{path}")
                except OSError as exc:
                    yield LocalMessage(b"", f"{kind}:{path}", f"cannot read: {exc.strerror}")
                except MailError as exc:
                    yield LocalMessage(b"", f"{kind}:{path}", str(exc).removeprefix(f"{path}: "))


def _mbox_messages(path: Path) -> Iterator[LocalMessage]:
    box = mailbox.mbox(path, create=False)
    try:
        for index, key in enumerate(box.iterkeys()):
            yield LocalMessage(box.get_bytes(key), f"mbox:{path}#{index}")
    finally:
        box.close()
