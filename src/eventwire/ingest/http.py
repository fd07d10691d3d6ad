"""A small, defensive HTTP GET: timeouts, a body size limit, a redirect limit, a User-Agent, and no requests
to private, loopback, link-local or reserved addresses unless explicitly allowed (this client fetches URLs
that come from feeds, i.e. from strangers)."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class HttpLimits:
    connect_timeout: float = 10
    read_timeout: float = 20
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = "eventwire/0.1 (+https://github.com/eventwire)"
    total_timeout: float = 60  # a whole fetch, so that a server trickling bytes cannot hold us forever


@dataclass(frozen=True)
class FetchedPage:
    url: str
    status: int
    content_type: str
    body: bytes

    def text(self) -> str:
        return self.body.decode(charset_of(self.content_type) or "utf-8", errors="replace")


class FetchError(Exception):
    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


def charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def check_public_host(url: str) -> None:
    """Raise FetchError unless every address the URL's host resolves to is public."""
    host = urlsplit(url).hostname
    if not host:
        raise FetchError(url, "URL has no host")
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(url, f"cannot resolve host {host!r}: {exc.strerror or exc}") from None
    for info in infos:
        address = str(info[4][0])
        if not is_public_address(address):
            raise FetchError(
                url,
                f"refusing to fetch from private/loopback/link-local address {address} "
                f"(host {host!r}); use --allow-private to allow it",
            )


class HttpClient:
    """GET with limits. One instance can be shared by a whole ingest run; it keeps a connection pool."""

    def __init__(self, limits: HttpLimits = HttpLimits(), allow_private: bool = False):
        self.limits = limits
        self.allow_private = allow_private
        timeout = httpx.Timeout(
            connect=limits.connect_timeout,
            read=limits.read_timeout,
            write=limits.read_timeout,
            pool=limits.connect_timeout,
        )
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": limits.user_agent, "Accept": "*/*"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> FetchedPage:
        deadline = time.monotonic() + self.limits.total_timeout
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            self._check_url(current)
            status, headers, body = self._get_once(current, deadline)
            if status in REDIRECT_STATUSES and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            if status >= 400:
                raise FetchError(
                    url, f"HTTP {status}" + (f" (after redirects, at {current})" if current != url else "")
                )
            return FetchedPage(
                url=current, status=status, content_type=headers.get("content-type", ""), body=body
            )
        raise FetchError(url, f"too many redirects (more than {self.limits.max_redirects})")

    def _check_url(self, url: str) -> None:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(url, f"unsupported URL scheme {scheme!r} (only http and https)")
        if not self.allow_private:
            check_public_host(url)

    def _get_once(self, url: str, deadline: float) -> tuple[int, httpx.Headers, bytes]:
        limit = self.limits.max_bytes
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code in REDIRECT_STATUSES:
                    return response.status_code, response.headers, b""
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(url, f"body too large: {int(declared)} bytes declared, limit {limit}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(url, f"body too large: more than {limit} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"took longer than {self.limits.total_timeout:g} s in all")
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.ConnectTimeout:
            raise FetchError(url, f"connect timeout after {self.limits.connect_timeout:g} s") from None
        except httpx.ReadTimeout:
            raise FetchError(url, f"read timeout after {self.limits.read_timeout:g} s") from None
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timeout: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {exc}") from None
