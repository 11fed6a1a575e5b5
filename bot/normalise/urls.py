"""Canonical URLs: one identity per thing linked, whatever tracking wraps it.

Nothing is ever fetched: a redirect wrapper is unwrapped only when its target is
written inside the link itself (a ``url=``-style parameter, a percent-encoded URL in the
path as click trackers write them, or a base64/JSON payload holding the URL).
"""

from __future__ import annotations

import base64
import binascii
import functools
import itertools
import json
import re
import string
from typing import NamedTuple
from urllib.parse import (
    parse_qsl,
    quote,
    unquote,
    urlencode,
    urlsplit,
    urlunsplit,
)

from bot.models import Kind

_TRACKING_PREFIXES = (
    "utm_",
    "mc_",
    "pk_",
    "piwik_",
    "matomo_",
    "hsa_",
    "_hs",
    "oly_",
    "vero_",
    "trk_",
    # Branch.io deep-link parameters (Reddit's and other apps' emails): "$deep_link", "$3p".
    "$",
    "_branch_",
)
_TRACKING = frozenset(
    [
        "_bhlid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mkt_tok",
        "_ga",
        "_gl",
        "s_cid",
        "sc_campaign",
        "ck_subscriber_id",
        "wickedid",
        "cmpid",
        "campaign_id",
        "email_source",
        "mbid",
        "rb_clickid",
        "__s",
        "ss_source",
        "ss_campaign_id",
        "trk",
        "trkcampaign",
        "source_id",
        "lctg",
        "spm",
        "share_id",
        "utm",
        "sr_share",
        "si",
        "ncid",
        "cid",
        "elqtrackid",
        "elqtrack",
        "elq",
        "bhlid",
        "correlation_id",
        "ref_campaign",
        "ref_source",
    ]
)
_WRAPPER_PARAMS = ("url", "u", "redirect", "redirect_url", "redirect_uri", "target", "dest",
                   "destination", "to", "link", "q", "r", "goto", "out", "href")  # fmt: skip
_ENCODED_IN_PATH = re.compile(r"/(https?(?::|%3A)%2F%2F[^/]+)", re.I)
_B64 = re.compile(r"^[A-Za-z0-9_\-+=.]{24,}$")
_ARXIV = re.compile(
    r"^/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?(?:\.pdf)?/?$"
)
_ARXIV_HOSTS = {"arxiv.org", "export.arxiv.org", "browse.arxiv.org"}
# A paper's pages named by its arXiv id on other sites: Hugging Face's paper page and
# alphaXiv's. They are the arXiv paper, so a digest linking one and a roundup linking
# arXiv list the same item.
_ARXIV_MIRRORS = {"huggingface.co": "papers", "hf.co": "papers", "alphaxiv.org": "abs|overview"}
_MIRRORED = re.compile(
    r"^/(?:papers|abs|overview)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?/?$"
)
_OPEN_SUBSTACK = re.compile(r"^/pub/([\w-]+)/p/([\w%-]+)/?$")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SLASHES = re.compile(r"/{2,}")
MAX_URL = 8192


@functools.lru_cache(maxsize=8192)  # pure; newsletters repeat their links
def canonical_url(url: str) -> str:
    """The identity of a link: tracking dropped, wrappers unwrapped, host and arXiv normalised.

    Returns ``url`` stripped when it is not an absolute http(s) URL.
    """
    return canonical(url, fast=True)


def canonical(url: str, *, fast: bool) -> str:
    """``canonical_url`` uncached; ``fast=False`` splits, unquotes and joins with urllib
    alone: the reference the fast routes (``_split``) must match, which
    tests/bot/test_speed_urls.py checks on every fixture's links and on generated ones."""
    url = url.strip()[:MAX_URL]
    split = _split(url, fast=fast)
    for _ in range(3):  # wrappers can nest (a tracker around a redirector)
        inner = _unwrap_split(split, fast=fast) if split else None
        if inner is None:
            break
        url = inner
        split = _split(url, fast=fast)
    if split is None:
        return url
    parts, pairs = split
    if parts.bad_port:
        return url
    port = parts.port
    scheme = parts.scheme.lower()
    hostname = parts.hostname
    if scheme not in ("http", "https") or not hostname:
        return url
    host = hostname.lower().rstrip(".")
    host = host.removeprefix("www.")
    if host.startswith("m.") and host[2:] in {"youtube.com", "wikipedia.org"}:
        host = host[2:]
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    if host in _ARXIV_HOSTS:
        arxiv = _ARXIV.match(path)
        if arxiv:
            return f"https://arxiv.org/abs/{arxiv.group(1)}"
        host = netloc = "arxiv.org"
    elif host in _ARXIV_MIRRORS:
        mirrored = _MIRRORED.match(path)
        if mirrored and path.split("/", 2)[1] in _ARXIV_MIRRORS[host].split("|"):
            return f"https://arxiv.org/abs/{mirrored.group(1)}"
    elif host == "open.substack.com":
        # Substack's "Read in app" address of a post, "open.substack.com/pub/<pub>/p/<slug>",
        # is the post's page "<pub>.substack.com/p/<slug>".
        post = _OPEN_SUBSTACK.match(path)
        if post:
            return f"https://{post.group(1).lower()}.substack.com/p/{post.group(2)}"
    query = [(k, v) for k, v in pairs if not _is_tracking(k)]
    if any(k == "emc" and v[:5] == "edit_" for k, v in query):
        # A publisher's newsletter click parameters ("emc=edit_mbe_20251021&nl=…&te=1",
        # the edition, the list and the reader): with the edition named, all tracking.
        query = [(k, v) for k, v in query if k not in _EDITION_PARAMS]
    if "//" in path:
        path = _SLASHES.sub("/", path)
    path = _requoted(path, fast=fast)
    if len(path) > 1:
        path = path.rstrip("/")
    # Always https: the same page served over both is one item.
    query.sort()
    if not fast:
        return urlunsplit(("https", netloc, path if path != "/" else "", urlencode(query), ""))
    return _joined(netloc, path if path != "/" else "", _encoded(query))


_EDITION_PARAMS = frozenset(
    ["emc", "nl", "te", "instance_id", "regi_id", "segment_id", "user_id", "nlid", "campaign_id"]
)


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in _TRACKING or low.startswith(_TRACKING_PREFIXES)


class _Parts(NamedTuple):
    """What ``urlsplit`` gives, with its ``hostname`` and ``port`` read once (each is a
    Python property parsing the netloc again); ``bad_port`` when reading the port raises."""

    scheme: str
    netloc: str
    path: str
    query: str
    fragment: str
    hostname: str | None
    port: int | None
    bad_port: bool


_Split = tuple[_Parts, list[tuple[str, str]]]

# An http(s) URL whose netloc is a bare host name, without the characters urlsplit
# deletes (tab, CR, LF): urlsplit's answer is then this regex's groups (the netloc ends at
# the first "/", "?" or "#", the fragment starts at the first "#", the query at the first
# "?" before it), its hostname the host lower-cased and its port None.
_COMMON_URL = re.compile(
    r"(https?)://([A-Za-z0-9.-]+)(/[^?#\t\r\n]*)?(?:\?([^#\t\r\n]*))?(?:#([^\t\r\n]*))?"
)


def _split(url: str, *, fast: bool = True) -> _Split | None:
    """``url`` split, with its query's pairs; None when urlsplit refuses it. Done once
    per URL: unwrapping and canonicalising both read the parts (each split costs ~3 us).
    URLs of the common shape (``_COMMON_URL``) are split by one regex and their query by
    ``_query_pairs``, 5x faster than urlsplit and parse_qsl, with the same answer."""
    common = _COMMON_URL.fullmatch(url) if fast else None
    if common is None:
        return _split_stdlib(url)
    scheme, netloc, path, query, fragment = common.groups("")
    parts = _Parts(scheme, netloc, path, query, fragment, netloc.lower(), None, False)
    return parts, _query_pairs(query) if query else []


def _split_stdlib(url: str) -> _Split | None:
    """``_split`` by urlsplit and parse_qsl: the reference."""
    try:
        split = urlsplit(url)
    except ValueError:
        return None
    try:
        port, bad_port = split.port, False
    except ValueError:
        port, bad_port = None, True
    scheme, netloc, path, query, fragment = split
    parts = _Parts(scheme, netloc, path, query, fragment, split.hostname, port, bad_port)
    return parts, parse_qsl(parts.query, keep_blank_values=True)


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """``parse_qsl(query, keep_blank_values=True)``: fields split at "&" (empty ones
    skipped), name and value at the first "=", "+" read as a space, then unquoted."""
    pairs = []
    for field in query.split("&"):
        if not field:
            continue
        name, _, value = field.partition("=")
        if "+" in name:
            name = name.replace("+", " ")
        if "%" in name:  # unquote returns any other string as it is
            name = unquote(name)
        if "+" in value:
            value = value.replace("+", " ")
        if "%" in value:
            value = unquote(value)
        pairs.append((name, value))
    return pairs


def _hostname(url: str, *, fast: bool) -> str | None:
    """``urlsplit(url).hostname``; ValueError when urlsplit refuses ``url``."""
    common = _COMMON_URL.fullmatch(url) if fast else None
    return urlsplit(url).hostname if common is None else common.group(2).lower()


# The characters quote() keeps with canonical_url's safe set ("%" aside): a path of only
# these and no "%" is what unquote and quote give back.
_KEPT_IN_PATH = re.compile(r"[A-Za-z0-9_.\-~/:@!$&'()*+,;=]*")


def _requoted(path: str, *, fast: bool) -> str:
    """``quote(unquote(path), safe=…)``: escapes decoded, then what needs one escaped."""
    if fast and "%" not in path and _KEPT_IN_PATH.fullmatch(path):
        return path
    return quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")


# What quote_plus keeps: a name or value of only these is written as it is.
_KEPT_IN_QUERY = re.compile(r"[A-Za-z0-9_.\-~]*")


def _encoded(query: list[tuple[str, str]]) -> str:
    """``urlencode(query)``, joined directly when no name or value needs escaping."""
    for key, value in query:
        if not (_KEPT_IN_QUERY.fullmatch(key) and _KEPT_IN_QUERY.fullmatch(value)):
            return urlencode(query)
    return "&".join([key + "=" + value for key, value in query])


def _joined(netloc: str, path: str, query: str) -> str:
    """``urlunsplit(("https", netloc, path, query, ""))``, its steps written out."""
    if netloc or path[:2] != "//":
        if path and path[:1] != "/":
            path = "/" + path
        path = "//" + netloc + path
    return "https:" + path + ("?" + query if query else "")


def _unwrap(url: str) -> str | None:
    """The target written inside a redirect link, or None when it is not a wrapper."""
    split = _split(url)
    return _unwrap_split(split) if split else None


def _unwrap_split(split: _Split, *, fast: bool = True) -> str | None:
    parts, pairs = split
    if parts.hostname in _PROOFPOINT_HOSTS:
        # v3 keeps the target's own "?query" in place: read past the wrapper's path.
        return _proofpoint(f"{parts.path}?{parts.query}" if parts.query else parts.path, pairs)
    if parts.query[:8].lower().startswith(("http://", "https://")) and " " not in parts.query:
        # The whole query is the target, unnamed (DoubleClick's ".../trackclk/...?https://…").
        return parts.query
    for key, value in pairs:
        if key.lower() in _WRAPPER_PARAMS and value.lower().startswith(("http://", "https://")):
            return value
    # Click trackers name their parameter anything ("upn", "l", "ss"): any parameter whose
    # whole value is a link to another site is the target.
    for _, value in pairs:
        if value[:8].lower().startswith(("http://", "https://")) and " " not in value:
            try:
                target = _hostname(value, fast=fast)
            except ValueError:
                continue
            if target and target != parts.hostname:
                return value
    m = _ENCODED_IN_PATH.search(parts.path)
    if m:
        return unquote(m.group(1))
    # A parameter that is wholly the target in base64 (ActiveCampaign's
    # "redirectUrl=aHR0cHMlM0El…", the URL percent-encoded before it was encoded).
    for _, value in pairs:
        if len(value) >= 24 and "." not in value and _B64.match(value):
            found = _from_base64(value)
            if found:
                return found
    for segment in parts.path.split("/"):
        if len(segment) >= 24 and _B64.match(segment):  # _B64 holds 24 characters or more
            found = _from_base64(segment)
            if found:
                return found
    return None


# Proofpoint URL Defense, which rewrites every link of mail reaching many companies
# (the published format; its own decoder, urldecoder.py, reads it the same way).
_PROOFPOINT_HOSTS = frozenset(["urldefense.com", "urldefense.proofpoint.com", "urldefense.us"])
_V3 = re.compile(r"^/v3/__(.+?)__;([A-Za-z0-9_\-=]*)")
_V3_TOKEN = re.compile(r"\*(?:\*(.))?")
# "**X": a run of as many replaced characters as X's place here, plus two.
_V3_RUNS = {
    ch: n + 2
    for n, ch in enumerate(string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_")
}


def _proofpoint(target: str, pairs: list[tuple[str, str]]) -> str | None:
    """The target of a Proofpoint link: v2 spells it in ``u`` with "-" for "%" and "_" for
    "/"; v3 writes it between ``/v3/__`` and ``__;`` with some characters replaced by "*",
    those characters base64-encoded after the ";" ("**X" stands for a run of them)."""
    if target.startswith("/v2/"):
        for key, value in pairs:
            if key == "u":
                target = unquote(value.replace("-", "%").replace("_", "/"))
                return target if target.startswith(("http://", "https://")) else None
        return None
    m = _V3.match(target)
    if m is None:
        return None
    template, encoded = unquote(m.group(1)), m.group(2)
    try:
        hidden = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    out: list[str] = []
    at = used = 0
    for token in _V3_TOKEN.finditer(template):
        out.append(template[at : token.start()])
        run = token.group(1)
        count = 1 if token.group(0) == "*" else _V3_RUNS.get(run or "", 0)
        if count == 0 or used + count > len(hidden):
            return None
        out.append(hidden[used : used + count])
        used += count
        at = token.end()
    out.append(template[at:])
    target = "".join(out)
    return target if target.startswith(("http://", "https://")) else None


# The first four base64 characters of a text opening "http" in any case ("HTTP%3A%2F%2F"
# too), and the first of one opening "{": every text ``_from_base64`` reads starts so.
_B64_OPENINGS = (
    *sorted(
        {base64.b64encode(bytes(p))[:4].decode() for p in itertools.product(b"hH", b"tT", b"tT")}
    ),
    "e",
)


def _from_base64(segment: str) -> str | None:
    for chunk in segment.split("."):  # a JWT is header.payload.signature
        if len(chunk) < 24:
            continue
        # Decoding skips "=" (a path's long slug decodes to bytes that are no UTF-8, at
        # the cost of an exception): without one, the first four characters are the
        # first three bytes', so a chunk opening otherwise reads as no link.
        if "=" not in chunk and not chunk.startswith(_B64_OPENINGS):
            continue
        try:
            decoded = base64.urlsafe_b64decode(chunk + "=" * (-len(chunk) % 4))
            text = decoded.decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            continue
        if text.startswith(("http://", "https://")):
            return text.split()[0]
        if text[:14].lower().startswith(("http%3a%2f%2f", "https%3a%2f%2f")):
            return unquote(text).split()[0]
        if text.startswith("{"):
            try:
                data = json.loads(text)
            except ValueError:
                continue
            if isinstance(data, dict):
                for value in data.values():
                    if isinstance(value, str) and value.startswith(("http://", "https://")):
                        return value
    return None


# Every host kind_from_url knows: a link naming none of them is not worth splitting.
_KIND_HOSTS = ("arxiv.org", "openreview.net", "doi.org", "aclanthology.org", "huggingface.co",
               "github.com", "gitlab.com", "codeberg.org", "youtube.com", "youtu.be", "vimeo.com")  # fmt: skip


# The forges' own pages with two path segments, which are not "owner/repository".
_FORGE_PAGES = frozenset(
    ["advisories", "features", "blog", "orgs", "sponsors", "topics", "marketplace", "settings",
     "collections", "events", "explore", "about", "pricing", "security", "enterprise", "apps",
     "organizations", "users", "customer-stories", "readme", "resources", "solutions", "site",
     "explore-projects", "help", "-", "user"]
)  # fmt: skip


@functools.lru_cache(maxsize=8192)  # pure; asked of each item's canonical URL, which repeat
def kind_from_url(url: str | None) -> Kind | None:
    """What a link points at, when its address says so plainly."""
    if not url:
        return None
    low = url.lower()
    # (urlsplit deletes tabs and line breaks, which could join a host's name together.)
    if not any(host in low for host in _KIND_HOSTS) and not any(c in url for c in "\t\r\n"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    segs = [s for s in parts.path.split("/") if s]
    if host.endswith("arxiv.org") or host in {"openreview.net", "doi.org", "aclanthology.org"}:
        return Kind.PAPER
    if host == "huggingface.co":
        if segs[:1] == ["papers"]:
            return Kind.PAPER
        if len(segs) == 2 and segs[0] not in {"blog", "docs", "spaces", "datasets", "learn"}:
            return Kind.MODEL
    if (
        host in {"github.com", "gitlab.com", "codeberg.org"}
        and len(segs) == 2
        and segs[0].lower() not in _FORGE_PAGES
    ):
        return Kind.REPO
    if host in {"youtube.com", "youtu.be", "vimeo.com", "m.youtube.com"}:
        return Kind.VIDEO
    return None


@functools.lru_cache(maxsize=8192)
def clean_url(url: str) -> str:
    """The link to show people: redirect wrappers unwrapped and tracking parameters dropped,
    everything else (scheme, host, path, functional parameters) exactly as written.
    """
    url = url.strip()[:MAX_URL]
    for _ in range(3):
        inner = _unwrap(url)
        if inner is None:
            break
        url = inner
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https") or not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    if len(kept) == len(pairs):
        return url  # nothing to drop: keep the original spelling of the query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))


# Campaign media that say a link was paid for: "utm_medium=paid" on a Cooperpress weekly's
# job ad, "cpc" / "ppc" on search-style ads, "sponsored" / "sponsoring" / "sponsorship" on
# sponsor slots.
_PAID_MEDIUM = re.compile(
    r"[?&]utm_medium=(?:paid|cpc|ppc|sponsor|sponsored|sponsoring|sponsorship)(?:[_-][\w-]*)?(?:&|#|$)",
    re.I,
)


def is_paid_link(url: str | None) -> bool:
    """The link's own campaign tag marks it as paid placement (``utm_medium=paid``)."""
    if not url or "utm_medium=" not in url.lower():
        return False
    return _PAID_MEDIUM.search(url) is not None
