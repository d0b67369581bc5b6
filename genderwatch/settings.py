"""One typed settings object for every stage.

Values come from, in order of precedence: keyword arguments, ``GENDERWATCH_*`` environment
variables, an optional TOML file (``GENDERWATCH_CONFIG`` or ``--config``), then defaults.
Unknown keys in the file are rejected so that a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from genderwatch.errors import GenderwatchError

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE_ENV = "GENDERWATCH_CONFIG"


class SchedulerSettings(BaseModel):
    """How often the scheduled jobs run and how the scheduler behaves; all times in seconds.

    Set as a TOML table ``[scheduler]`` or as JSON in ``GENDERWATCH_SCHEDULER``. Tests shrink
    the intervals to seconds; production keeps the defaults.
    """

    model_config = ConfigDict(extra="forbid")

    crawl_s: int = Field(default=3600, ge=1, description="Each outlet is crawled this often (staggered).")
    analyse_s: int = Field(default=300, ge=1, description="Safety-net pass over unanalysed articles.")
    indicators_s: int = Field(default=900, ge=1, description="Indicator refresh (incremental).")
    health_s: int = Field(default=900, ge=1, description="Crawl-health check and alerts.")
    reports_s: int = Field(default=86400, ge=1, description="Scorecards of completed periods.")
    lease_s: int = Field(default=60, ge=2, description="Leader lease; a dead leader is replaced within it.")
    retry_s: int = Field(default=60, ge=1, description="First retry delay of a failed job, doubled each time.")
    max_attempts: int = Field(default=4, ge=1, description="Attempts before a failed job waits for its next run.")
    shutdown_grace_s: int = Field(default=60, ge=0, description="How long a stop waits for a running job.")
    analyse_batch: int = Field(default=50, ge=1, description="Articles analysed and stored per transaction.")


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``GENDERWATCH_<FIELD>``."""

    model_config = SettingsConfigDict(
        env_prefix="GENDERWATCH_",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(
        default=Path("data"),
        description="Where the SQLite database, raw pages and generated reports live.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; empty means SQLite at <data_dir>/genderwatch.db.",
    )
    config_dir: Path = Field(
        default=REPO_ROOT / "config",
        description="Outlet registry, indicator definitions and lexicons (YAML).",
    )
    outlet_registry: Path | None = Field(
        default=None,
        description="Outlet registry (YAML); empty means <config_dir>/outlets.yaml.",
    )
    model_dir: Path = Field(
        default=Path.home() / ".cache" / "genderwatch" / "models",
        description="Converted transformer models built at set-up (never in git).",
    )
    base_model: str | None = Field(
        default=None,
        description="Hugging Face-format encoder directory; empty means the converted e5-small.",
    )
    log_level: str = Field(default="INFO", description="Python logging level.")
    user_agent: str = Field(
        default="genderwatch/0.1 (+https://github.com/genderwatch; theo doi gioi trong bao chi)",
        description="Identifying User-Agent sent by the crawler.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs dashboard sessions; generated into <data_dir> when empty.",
    )
    smtp_host: str | None = Field(default=None, description="SMTP server for alerts.")
    smtp_port: int = Field(default=25, description="SMTP port.")
    smtp_from: str | None = Field(default=None, description="Sender address of alerts.")
    alert_to: list[str] = Field(default_factory=list, description="Alert recipients.")
    scheduler: SchedulerSettings = Field(
        default_factory=SchedulerSettings, description="Job intervals, lease, retries, shutdown grace.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get(CONFIG_FILE_ENV)
        if config_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config_file)))
        return tuple(sources)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "genderwatch.db"

    @property
    def registry_path(self) -> Path:
        return self.outlet_registry or self.config_dir / "outlets.yaml"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "settings"
    if first["type"] == "extra_forbidden":
        return f"unknown setting '{where}' (see README, section Settings)"
    return f"invalid setting '{where}': {first['msg']}"


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings, turning every configuration mistake into a GenderwatchError."""
    if config_file is not None:
        if not config_file.is_file():
            raise GenderwatchError(f"config file not found: {config_file}")
        os.environ[CONFIG_FILE_ENV] = str(config_file)
    path = os.environ.get(CONFIG_FILE_ENV)
    if path and not Path(path).is_file():
        raise GenderwatchError(f"config file not found: {path}")
    try:
        return Settings(**overrides)
    except ValidationError as error:
        source = f" in {path}" if path else ""
        raise GenderwatchError(_describe(error) + source) from None
    except ValueError as error:  # malformed TOML
        raise GenderwatchError(f"cannot read config file {path}: {error}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, built once on first use."""
    return load_settings()
