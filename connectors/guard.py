"""Where the connectors may send a request: public addresses only (checked after DNS resolution, at every connection), unless an admin allows a host.

An editor chooses a source's URL; without this guard the server would fetch loopback, private,
link-local (cloud metadata) or carrier-grade NAT addresses for them. The check runs twice: on the
URL before anything is sent (a French reason, no packet leaves), and on the socket's real peer
right after it connects (DNS rebinding: a name that resolved to a public address, then to 127.0.0.1).
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from connectors import settings
from connectors.registry import ConnectorError
from resonance.i18n import t

CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Cloud metadata services outside link-local (AWS IPv6, Alibaba, Oracle's are link-local already).
METADATA = {ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200"),
            ipaddress.ip_address("169.254.169.254")}


class RequestRefused(ConnectorError):
    """A request the connectors will not send (internal address, secret bound elsewhere, too big…); nothing left the server."""

    def __init__(self, source: str, message: str, why: str = ""):
        super().__init__(source, message)
        self.why = why or message


def address_problem(address: str) -> str | None:
    """The kind of internal address this is (a key of connectors.guard.kind.*), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:                              # an IPv4 address wrapped in IPv6 is judged as itself
        if ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        elif ip in NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif ip.sixtofour:
            ip = ip.sixtofour
    if ip in METADATA:
        return "metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link_local"
    if ip.is_multicast:
        return "multicast"
    if ip.version == 4 and ip in CGNAT:
        return "cgnat"
    if ip.is_private or ip.is_unspecified or ip.is_reserved or not ip.is_global:
        return "private"
    return None


def host_allowed(host: str, port: int | None = None) -> bool:
    """Whether an admin listed this host (RESONANCE_ALLOW_HOSTS: `host` or `host:port`) as reachable even if internal."""
    host = (host or "").strip("[]").lower().rstrip(".")
    allowed = settings.allow_hosts()
    return host in allowed or (port is not None and f"{host}:{port}" in allowed)


def _resolve(host: str, port: int) -> list[str]:
    return list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


def check_url(source: str, url: str) -> None:
    """Refuse a URL whose scheme is not HTTP(S) or whose host resolves to any internal address (not allowed by an admin)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise _refused(source, url, "scheme")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if host_allowed(host, port):
        return
    try:
        addresses = _resolve(host, port)
    except (socket.gaierror, UnicodeError):
        return                                       # unknown name: the request fails as "not reachable" like any other
    for address in addresses:
        kind = address_problem(address)
        if kind:
            raise _refused(source, url, kind)


def _refused(source: str, url: str, kind: str) -> RequestRefused:
    why = t(f"connectors.guard.kind.{kind}")
    host = safe_host(url)
    return RequestRefused(source, t("connectors.guard.refused", source=source, host=host, why=why), why)


# -- what is shown of a URL ------------------------------------------------------------------------------
def mask_url(url: str | None) -> str:
    """The URL without its user and password (https://user:secret@host/… → https://•••@host/…)."""
    if not url:
        return url or ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "•••"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="•••@" + parts.netloc.rsplit("@", 1)[1]))


def safe_host(url: str) -> str:
    """host[:port] of a URL, never its user and password."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return "?"
    return netloc.rsplit("@", 1)[-1] or "?"


# -- the guarded connections -------------------------------------------------------------------------------
class _PeerCheck:
    """Checks the address a socket really connected to; an internal one is closed before a byte is sent."""

    def _new_conn(self):
        sock = super()._new_conn()
        if not host_allowed(self.host, self.port):
            try:
                peer = sock.getpeername()[0]
                kind = address_problem(peer)
            except (OSError, ValueError):
                kind = "private"
            if kind:
                sock.close()
                raise RequestRefused("", t("connectors.guard.refused", source="", host=self.host,
                                           why=t(f"connectors.guard.kind.{kind}")), t(f"connectors.guard.kind.{kind}"))
        return sock


class GuardedHTTPConnection(_PeerCheck, HTTPConnection):
    pass


class GuardedHTTPSConnection(_PeerCheck, HTTPSConnection):
    pass


class GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose every connection (a proxy's included) goes through the peer check."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, urllib3.PoolManager):
            manager.pool_classes_by_scheme = {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}
        return manager
