"""A real Dovecot IMAP server on 127.0.0.1, configured in a temporary folder.

Plain authentication from a passwd-file, Maildir storage, a random free port.
Dovecot refuses to run its login process as root, so the login and internal
processes run as the Debian ``dovenull`` and ``dovecot`` users; the mail itself
belongs to ``nobody`` (or to the current user when the suite is not root).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "gleaner"
PASSWORD = "s3cret-pass"  # a throwaway password for the loopback test server
REPO = Path(__file__).resolve().parents[2]


def ensure_installed() -> None:
    """Install Dovecot (and openssl) through the project's system-deps script when missing."""
    if not Path(DOVECOT).exists() or shutil.which("openssl") is None:
        subprocess.run([str(REPO / "scripts" / "system-deps.sh")], check=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mail_owner() -> tuple[int, int]:
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth2_mechanisms}
# No slow-down after a refused login: tests refuse logins on purpose.
auth_failure_delay = 0
{login_users}
first_valid_uid = 0
mail_location = maildir:{root}/mail/%u
mail_fsync = never
{oauth2_passdb}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
service lmtp {{
  unix_listener lmtp {{
    mode = 0600
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service auth {{
  unix_listener auth-userdb {{
    mode = 0666
  }}
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""


@dataclass
class Dovecot:
    """One running Dovecot; ``restart()`` keeps its port, mail and UIDVALIDITYs."""

    root: Path
    port: int = field(default_factory=free_port)
    user: str = USER
    password: str = PASSWORD
    host: str = "127.0.0.1"
    tls: bool = False
    """Also serve implicit TLS on ``tls_port`` and STARTTLS on ``port``, with a throwaway CA."""
    oauth2_introspection_url: str | None = None
    """When set, XOAUTH2 logins are checked with ``GET URL?token=…`` (a token-info endpoint)."""

    def __post_init__(self) -> None:
        uid, gid = _mail_owner()
        self.uid, self.gid = uid, gid
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        # The unprivileged Dovecot processes must traverse the temporary folder.
        for path in [self.root, *self.root.parents]:
            if path == Path("/"):
                break
            with contextlib.suppress(PermissionError):
                path.chmod(path.stat().st_mode | 0o711)
        for sub in ("mail", "home"):
            os.chown(self.root / sub, uid, gid)
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        (self.root / "passwd").chmod(0o644)
        # As root, Dovecot's own unprivileged users; otherwise everything runs as the caller.
        me = pwd.getpwuid(os.getuid()).pw_name
        login_users = (
            "default_login_user = dovenull\ndefault_internal_user = dovecot"
            if os.getuid() == 0
            else f"default_login_user = {me}\ndefault_internal_user = {me}"
        )
        oauth2_passdb = oauth2_mechanisms = ""
        if self.oauth2_introspection_url is not None:
            (self.root / "oauth2.conf.ext").write_text(
                f"tokeninfo_url = {self.oauth2_introspection_url}?token=\n"
                "username_attribute = username\n"
                "active_attribute = active\n"
                "active_value = true\n"
            )
            oauth2_mechanisms = " xoauth2 oauthbearer"
            oauth2_passdb = (
                "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                f"  args = {self.root}/oauth2.conf.ext\n}}\n"
            )
        self.tls_port = free_port() if self.tls else 0
        ssl_setting = "ssl = no"
        if self.tls:
            self._make_certificate()
            ssl_setting = (
                f"ssl = yes\nssl_cert = <{self.root}/cert.pem\nssl_key = <{self.root}/key.pem"
            )
        self.config = self.root / "dovecot.conf"
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                uid=uid,
                gid=gid,
                login_users=login_users,
                oauth2_passdb=oauth2_passdb,
                oauth2_mechanisms=oauth2_mechanisms,
                ssl=ssl_setting,
                tls_port=self.tls_port,
            )
        )

    @property
    def ca_file(self) -> Path:
        """The certificate to trust (self-signed, so it is its own CA)."""
        return self.root / "cert.pem"

    def _make_certificate(self) -> None:
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(self.root / "key.pem"), "-out", str(self.root / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / self.user

    def start(self) -> None:
        subprocess.run([DOVECOT, "-c", str(self.config)], check=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection((self.host, self.port), 0.5),
            ):
                return
            time.sleep(0.05)
        raise RuntimeError(f"dovecot did not listen on port {self.port}:\n{self.log()}")

    def _children(self) -> list[int]:
        pid_file = self.root / "run" / "master.pid"
        try:
            master = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return []
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master:
                    children.append(int(stat.parent.name))
        return [master, *children]

    def stop(self) -> None:
        """Stop the server and every process it started, client sessions included."""
        processes = self._children()
        subprocess.run([DOVECOT, "-c", str(self.config), "stop"], check=False, capture_output=True)
        deadline = time.monotonic() + 10
        pid_file = self.root / "run" / "master.pid"
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        # Dovecot lets running IMAP sessions linger after the master stops; a real outage doesn't.
        for pid in processes:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        # The listener must be gone before a restart can reuse the port.
        while time.monotonic() < deadline:
            try:
                socket.create_connection((self.host, self.port), 0.2).close()
            except OSError:
                return
            time.sleep(0.05)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def deliver(self, raw: bytes, folder: str = "INBOX") -> Path:
        """Drop a message straight into the Maildir, as a local delivery agent would."""
        base = self.maildir if folder == "INBOX" else self.maildir / f".{folder}"
        for sub in ("tmp", "new", "cur"):
            (base / sub).mkdir(parents=True, exist_ok=True)
            os.chown(base / sub, self.uid, self.gid)
        name = f"{time.time_ns()}.P{os.getpid()}.gleaner-test"
        tmp = base / "tmp" / name
        tmp.write_bytes(raw)
        os.chown(tmp, self.uid, self.gid)
        final = base / "new" / name
        tmp.rename(final)
        return final
