"""``genderwatch users`` and ``genderwatch serve`` driven as a user would."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import REPO_ROOT
from tests.support import run_cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {"GENDERWATCH_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}


def test_users_add_list_set_role_and_deactivate(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert run_cli("init", cwd=REPO_ROOT, env=env).returncode == 0
    added = run_cli("users", "add", "quantri", "--role", "admin", "--name", "Quản trị", "--password-stdin",
                    cwd=REPO_ROOT, env=env, input="mot-mat-khau-dai\n")
    assert added.returncode == 0, added.stderr
    short = run_cli("users", "add", "ngan", "--role", "admin", "--password-stdin", cwd=REPO_ROOT, env=env,
                    input="ngan\n")
    assert short.returncode == 1 and short.stderr.startswith("Lỗi / error: mật khẩu quá ngắn")
    editor = run_cli("users", "add", "bientap", "--role", "editor", "--outlet", "khong-co", "--password-stdin",
                     cwd=REPO_ROOT, env=env, input="mot-mat-khau-dai\n")
    assert editor.returncode == 1 and "an editor needs a known outlet" in editor.stderr
    assert len(editor.stderr.strip().splitlines()) == 1
    duplicate = run_cli("users", "add", "QuanTri", "--role", "admin", "--password-stdin", cwd=REPO_ROOT, env=env,
                        input="mot-mat-khau-dai\n")
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr
    assert run_cli("users", "deactivate", "quantri", cwd=REPO_ROOT, env=env).returncode == 0
    listing = run_cli("users", "list", cwd=REPO_ROOT, env=env)
    assert listing.stdout.strip() == "quantri\tadmin\t-\tdeactivated"


def test_serve_starts_the_dashboard_alone(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert run_cli("init", cwd=REPO_ROOT, env=env).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "genderwatch", "serve", "--port", str(port)], cwd=REPO_ROOT,
                              env={**__import__("os").environ, **env}, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.3)
        assert response.status_code == 200
        assert "charset=utf-8" in response.headers["content-type"]
        assert "Đăng nhập" in response.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json").json()["paths"]["/api/v1/analyze"]
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_refuses_an_uninitialised_database_in_one_line(tmp_path: Path) -> None:
    result = run_cli("serve", "--port", "1", cwd=REPO_ROOT, env=_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == "Lỗi / error: cơ sở dữ liệu chưa được khởi tạo / database not initialised: run `genderwatch init`"
