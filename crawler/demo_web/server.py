"""The local demo web: each demo outlet's static site on its own loopback address.

Outlet *n* of ``config/demo_outlets.yaml`` listens on the address its registry entry names
(127.0.0.11, .12, ...) at one shared port, so robots.txt, politeness slots and hosts are per
outlet as on the real web. Feeds, sitemaps and robots.txt get their ``__ORIGIN__`` placeholder
replaced by the outlet's real origin. Every file answers conditional GETs (ETag and
Last-Modified), and every request is recorded in :attr:`DemoWeb.requests` for tests.

Options: ``latency`` slows every response (for crash tests); ``stops`` makes an outlet "stop
publishing" at a date (its site is re-rendered without later articles); ``fault_site`` adds the
test-only outlet of :mod:`crawler.demo_web.faults`.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

import yaml

from crawler.demo_web.corpus import CORPUS_DIR, read_corpus
from crawler.demo_web.render import DEMO_REGISTRY, ORIGIN, SITE_DIR, file_for, render_sites
from crawler.registry import Registry, load_registry, parse_registry
from genderwatch.errors import GenderwatchError

DEFAULT_PORT = 8470
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".gz": "application/gzip",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


@dataclass(frozen=True)
class Served:
    """One request the demo web answered."""

    outlet_id: str
    path: str
    status: int


@dataclass(frozen=True)
class Reply:
    """What a route returns: status, headers and body."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


# (path, times this path was requested, origin) -> a reply, or None to serve the static file
Route = Callable[[str, int, str], Optional[Reply]]


def _content_type(path: Path, body: bytes) -> str:
    if path.suffix in _TYPES:
        return _TYPES[path.suffix]
    return "application/rss+xml; charset=utf-8" if body.lstrip().startswith(b"<?xml") else _TYPES[".html"]


def _with_origin(body: bytes, origin: str, gzipped: bool) -> bytes:
    if gzipped:
        return gzip.compress(gzip.decompress(body).replace(ORIGIN.encode(), origin.encode()), mtime=0)
    return body.replace(ORIGIN.encode(), origin.encode())


class _Outlet:
    """One outlet's site directory (plus optional dynamic routes) and its address."""

    def __init__(self, outlet_id: str, root: Path, host: str, route: Optional[Route]) -> None:
        self.outlet_id, self.root, self.host, self.route = outlet_id, root.resolve(), host, route
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]

    def static(self, path: str, origin: str, headers: dict[str, str]) -> Reply:
        target = (self.root / file_for(path)).resolve()
        if self.root not in target.parents or not target.is_file():
            if (self.root / path.lstrip("/")).is_dir() and not path.endswith("/"):
                return Reply(301, headers=(("Location", path + "/"),))
            return Reply(404, "<html><body><h1>404 - Không tìm thấy trang</h1></body></html>".encode())
        body = _with_origin(target.read_bytes(), origin, target.suffix == ".gz")
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        modified = datetime.fromtimestamp(int(target.stat().st_mtime), tz=timezone.utc)
        validators = (("ETag", etag), ("Last-Modified", format_datetime(modified, usegmt=True)))
        if headers.get("if-none-match") == etag or _not_modified_since(headers.get("if-modified-since"), modified):
            return Reply(304, headers=validators)
        return Reply(200, body, (("Content-Type", _content_type(target, body)), *validators))


def _not_modified_since(header: Optional[str], modified: datetime) -> bool:
    if not header:
        return False
    try:
        return modified <= parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False


def _handler(web: "DemoWeb", outlet: _Outlet) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "genderwatch-demo/1"

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            path = urlsplit(self.path).path or "/"
            count = outlet.hit(path)
            if web.latency:
                time.sleep(web.latency)
            origin = f"http://{outlet.host}"
            reply = outlet.route(path, count, origin) if outlet.route else None
            if reply is None:
                reply = outlet.static(path, origin, {k.lower(): v for k, v in self.headers.items()})
            web.record(Served(outlet.outlet_id, path, reply.status))
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up on a page that is too large, as it should

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            names = {name.lower() for name, _ in reply.headers}
            for name, value in reply.headers:
                self.send_header(name, value)
            if "content-length" not in names:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
            return

    return Handler


class DemoWeb:
    """Serves the demo outlets; use as a context manager or call :meth:`start`/:meth:`stop`."""

    def __init__(self, *, port: int = DEFAULT_PORT, latency: float = 0.0, stops: Optional[dict[str, date]] = None,
                 registry_path: Path = DEMO_REGISTRY, site_dir: Path = SITE_DIR,
                 fault_site: Optional[tuple[Path, Route]] = None) -> None:
        self.port, self.latency, self.stops = port, latency, stops or {}
        self.registry_path, self.site_dir, self.fault_site = registry_path, site_dir, fault_site
        self.requests: list[Served] = []
        self._lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []
        self._serving = False
        self._rendered: Optional[Path] = None

    def record(self, served: Served) -> None:
        with self._lock:
            self.requests.append(served)

    def _outlets(self) -> list[tuple[str, str, Optional[Route]]]:
        """(outlet id, registry host, route) of every outlet to serve."""
        entries = [(outlet.id, outlet.host, None) for outlet in load_registry(self.registry_path)]
        if self.fault_site is not None:
            fault_registry, route = self.fault_site
            entries += [(outlet.id, outlet.host, route) for outlet in load_registry(fault_registry)]
        return entries

    def _roots(self) -> dict[str, Path]:
        """Site directory per stopped outlet, re-rendered without its later articles."""
        if not self.stops:
            return {}
        self._rendered = Path(tempfile.mkdtemp(prefix="genderwatch-demo-web-"))
        corpus = {outlet_id: outlet for outlet_id, outlet in read_corpus(CORPUS_DIR).items() if outlet_id in self.stops}
        render_sites(corpus, load_registry(self.registry_path), self._rendered, self.stops)
        return {outlet_id: self._rendered / outlet_id for outlet_id in corpus}

    def _bind(self, roots: dict[str, Path], port: int) -> int:
        for outlet_id, host, route in self._outlets():
            address = host.split(":")[0]
            root = roots.get(outlet_id, self.site_dir / outlet_id)
            outlet = _Outlet(outlet_id, root, f"{address}:{port}", route)
            server = ThreadingHTTPServer((address, port), _handler(self, outlet))
            server.daemon_threads = True
            port = server.server_address[1]
            outlet.host = f"{address}:{port}"
            self._servers.append(server)
        return port

    def start(self) -> "DemoWeb":
        """Bind every outlet (a free port is chosen when ``port`` is 0) and serve in threads."""
        roots = self._roots()
        for attempt in range(20):
            try:
                self.port = self._bind(roots, self.port)
                break
            except OSError as error:
                self._close()
                if self.port or attempt == 19:
                    raise GenderwatchError(f"demo web cannot listen on port {self.port}: {error.strerror}") from None
        for server in self._servers:
            threading.Thread(target=server.serve_forever, name=f"demo-web {server.server_address}", daemon=True).start()
        self._serving = True
        return self

    def _close(self) -> None:
        for server in self._servers:
            if self._serving:
                server.shutdown()
            server.server_close()
        self._servers, self._serving = [], False

    def stop(self) -> None:
        self._close()
        if self._rendered is not None:
            shutil.rmtree(self._rendered, ignore_errors=True)
            self._rendered = None

    def __enter__(self) -> "DemoWeb":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def urls(self) -> dict[str, str]:
        return {outlet_id: f"http://{host.split(':')[0]}:{self.port}/" for outlet_id, host, _ in self._outlets()}

    def registry_text(self, registry_path: Optional[Path] = None) -> str:
        """The registry YAML with this server's port in every host (for crawls in tests)."""
        path = registry_path or self.registry_path
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in document["outlets"]:
            entry["host"] = f"{entry['host'].split(':')[0]}:{self.port}"
        if document.get("families_from"):
            document["families_from"] = str((path.parent / document["families_from"]).resolve())
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)

    def write_registry(self, target: Path, registry_path: Optional[Path] = None) -> Registry:
        """Write :meth:`registry_text` to ``target`` and return it parsed."""
        text = self.registry_text(registry_path)
        target.write_text(text, encoding="utf-8")
        return parse_registry(text, target)
