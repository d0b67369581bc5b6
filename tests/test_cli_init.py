"""``genderwatch init`` and the one-line errors for bad configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli


def test_init_creates_the_sqlite_database_and_is_idempotent(tmp_path: Path) -> None:
    first = run_cli("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "data" / "genderwatch.db").is_file()
    second = run_cli("init", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "up to date" in second.stdout


@pytest.mark.postgres
def test_init_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    env = {"GENDERWATCH_DATABASE_URL": postgres_url}
    assert run_cli("init", cwd=tmp_path, env=env).returncode == 0
    again = run_cli("init", cwd=tmp_path, env=env)
    assert again.returncode == 0 and "up to date" in again.stdout


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"GENDERWATCH_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none"}, "cannot connect"),
        ({"GENDERWATCH_DATABASE_URL": "::not a url::"}, "malformed database URL"),
        ({"GENDERWATCH_DATABASE_URL": "mysql://root@127.0.0.1/test"}, "unsupported database"),
    ],
)
def test_bad_database_urls_give_one_clear_line(tmp_path: Path, env: dict[str, str], expected: str) -> None:
    result = run_cli("init", cwd=tmp_path, env=env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_data_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where the data directory should be")
    result = run_cli("init", cwd=tmp_path, env={"GENDERWATCH_DATA_DIR": str(blocker / "data")})
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot create data directory" in result.stderr


def test_config_file_with_unknown_key(tmp_path: Path) -> None:
    config = tmp_path / "genderwatch.toml"
    config.write_text('data_dir = "x"\ndatabse_url = "sqlite:///typo.db"\n', encoding="utf-8")
    result = run_cli("--config", str(config), "init", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Lỗi / error: unknown setting 'databse_url' (see README, section Settings) in {config}"
    ]


def test_config_file_values_are_used(tmp_path: Path) -> None:
    config = tmp_path / "genderwatch.toml"
    config.write_text('data_dir = "elsewhere"\n', encoding="utf-8")
    result = run_cli("--config", str(config), "init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "genderwatch.db").is_file()


def test_help_explains_each_command(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "init" in result.stdout and "Create the database" in result.stdout
