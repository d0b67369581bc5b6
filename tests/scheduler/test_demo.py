"""``genderwatch demo`` from an empty data directory ends with the dashboard answering and
every demo outlet shown with its indicators."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from genderwatch.settings import REPO_ROOT
from tests.scheduler.conftest import free_port

DEMO_OUTLETS = ("demo-cantho", "demo-laocai", "demo-nghean", "demo-quangngai", "demo-quangninh", "demo-thainguyen")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def _read_until(process: subprocess.Popen[str], pattern: str, timeout: float) -> tuple[re.Match[str], str]:
    """Read the demo's output until ``pattern`` appears (it prints progress all along)."""
    assert process.stdout is not None
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"demo exited ({process.wait()}) before {pattern!r}:\n{''.join(seen)}")
        seen.append(line)
        if match := re.search(pattern, line):
            return match, "".join(seen)
    raise AssertionError(f"no {pattern!r} within {timeout} s:\n{''.join(seen)}")


def test_demo_ends_with_the_dashboard_showing_every_demo_outlet(tmp_path: Path) -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GENDERWATCH_")}
    env.update(GENDERWATCH_DATA_DIR=str(tmp_path / "data"), COLUMNS="200")
    process = subprocess.Popen([sys.executable, "-m", "genderwatch", "demo", "--port", str(port)], cwd=REPO_ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address, output = _read_until(process, r"dashboard: (http://\S+/)", 1200)
        quarter, _ = _read_until(process, r"newest quarter with figures: \S+\?period=(\S+)", 10)
        login, _ = _read_until(process, r"login: quantri / (\S+)", 10)
        for step in range(1, 10):
            assert f"[{step}/9]" in output
        assert "221 bài mới / new articles, 0 lỗi / failed" in output
        with httpx.Client(base_url=address[1], timeout=60, follow_redirects=True) as client:
            page = client.get("/login").text
            token = re.search(r'name="csrf-token" content="([^"]+)"', page)[1]
            signed_in = client.post("/login", data={"username": "quantri", "password": login[1],
                                                    "csrf_token": token, "next": "/"})
            assert signed_in.status_code == 200 and "Tổng quan" in signed_in.text
            overview = client.get("/", params={"period": quarter[1]}).text
            for outlet_id in DEMO_OUTLETS:
                row = overview[overview.index(f'href="/outlets/{outlet_id}?'):]
                row = row[:row.index("</tr>")]
                assert re.search(r'class="pct">\d+%</strong>', row), outlet_id
                assert re.search(r"\d+/\d+ chỉ số", row) and "health-green" in row, outlet_id
                outlet_page = client.get(f"/outlets/{outlet_id}", params={"period": quarter[1]})
                assert outlet_page.status_code == 200 and "C01" in outlet_page.text
        reports = list((tmp_path / "data" / "reports").glob("*/phieu-danh-gia_*.pdf"))
        assert {path.parent.name for path in reports} >= {"2025-09", "2025-10", "2025-11", "2025-Q4", "2025-AM"}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=90) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
