"""Fixtures for the scheduler tests: a local SMTP server and demo registries on a free port."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from aiosmtpd.controller import Controller

from crawler.demo_web.server import DemoWeb


class SmtpSink:
    """Keeps every message the local SMTP server receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.port = free_port()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


def write_subset_registry(web: DemoWeb, target: Path, outlet_ids: list[str]) -> Path:
    """The demo registry with this server's port, keeping only ``outlet_ids``."""
    document = yaml.safe_load(web.registry_text())
    document["outlets"] = [entry for entry in document["outlets"] if entry["id"] in outlet_ids]
    target.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
