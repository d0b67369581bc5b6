"""Crawl-alert e-mail through the configured SMTP server (Vietnamese first, English below).

Plain SMTP to ``smtp_host:smtp_port`` with STARTTLS when the server offers it; deployments
relay through a local mail transfer agent that holds any credentials (docs/operations.md).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from genderwatch.settings import Settings

TIMEOUT_S = 30


@dataclass(frozen=True)
class AlertLine:
    """One outlet in an alert e-mail."""

    outlet_id: str
    name: str
    reason: dict[str, str]  # language → sentence


def alert_message(settings: Settings, lines: list[AlertLine]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = (f"[genderwatch] Cảnh báo thu thập: {len(lines)} cơ quan báo chí / "
                          f"crawl alert: {len(lines)} outlet(s)")
    message["From"] = settings.smtp_from or f"genderwatch@{settings.smtp_host}"
    message["To"] = ", ".join(settings.alert_to)
    vietnamese = [f"- {line.name} ({line.outlet_id}): {line.reason['vi']}" for line in lines]
    english = [f"- {line.name} ({line.outlet_id}): {line.reason['en']}" for line in lines]
    message.set_content("\n".join([
        "Các cơ quan báo chí sau đã ngừng được thu thập hoặc thu thập bất thường:", "", *vietnamese, "",
        "Xem chi tiết tại trang Cơ quan báo chí của bảng điều khiển.", "", "---", "",
        "These outlets stopped being collected or are collected abnormally:", "", *english, "",
        "See the dashboard's outlet registry page for details.",
    ]))
    return message


def send_crawl_alerts(settings: Settings, lines: list[AlertLine]) -> None:
    """Send one e-mail listing ``lines``; raises OSError (smtplib's errors included) on failure."""
    assert settings.smtp_host is not None
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_S) as server:
        server.ehlo()
        if server.has_extn("starttls"):
            server.starttls()
            server.ehlo()
        server.send_message(alert_message(settings, lines))
