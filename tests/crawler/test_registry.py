"""The outlet registry: 34 units validated offline, family defaults with per-outlet overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.registry import RegistryError, load_registry, parse_registry
from tests.conftest import REPO_ROOT

REAL = REPO_ROOT / "config" / "outlets.yaml"
DEMO = REPO_ROOT / "config" / "demo_outlets.yaml"


def test_real_registry_covers_the_34_units_once_each() -> None:
    registry = load_registry(REAL)
    assert len({outlet.province for outlet in registry}) == 34
    for outlet in registry:
        assert outlet.family in registry.source.families
        assert outlet.article_pattern.pattern
        assert outlet.delay >= 1.0 and outlet.concurrency <= 2  # polite by default
    # Broadcasters are legacy sources of the merged outlet, found by their host.
    assert registry.for_url("https://laocaitv.vn/tin-tuc/abc").id == "baolaocai"
    assert registry.for_url("https://www.baotayninh.vn/x-a1.html").id == "baotayninh"
    assert registry.for_url("https://example.org/") is None


def test_family_defaults_and_outlet_overrides() -> None:
    registry = load_registry(REAL)
    cantho, laocai, quangngai = registry.get("baocantho"), registry.get("baolaocai"), registry.get("baoquangngai")
    assert cantho.selectors["published"] == ("span.pubdate",)          # from the a-id family
    assert cantho.lead_code and laocai.lead_code is None                # outlet override
    assert cantho.feeds == ("/rss/thoi-su.rss",)                        # outlet replaces the family's feeds
    assert laocai.feeds == ("/rss/home.rss", "/rss/index.rss")
    assert quangngai.quirks.js_body and not laocai.quirks.js_body
    assert laocai.is_article_url("https://baolaocai.vn/xa-hoi/song-dep-post404649.html")
    assert not laocai.is_article_url("https://baolaocai.vn/xa-hoi/")


def test_demo_registry_has_one_outlet_per_family() -> None:
    demo = load_registry(DEMO)
    assert sorted(outlet.family for outlet in demo) == sorted(
        ["cms", "sc-longform", "yyyymm-hex", "a-id", "htm", "card"])


BASE = """
schema_version: 1
families:
  a-id: {description: x, article_url: '-a\\d+\\.html$'}
outlets:
  - {id: one, name: Một, province: Cần Thơ, host: one.vn, family: a-id, evidence: C}
"""


@pytest.mark.parametrize("text, message", [
    ("schema_version: 1\nfamilies: [", "not valid YAML"),
    (BASE.replace("family: a-id", "family: nope"), "outlet 'one': unknown family 'nope'"),
    (BASE.replace("host: one.vn", "host: one.vn, article_url: '(['"), "invalid regular expression"),
    (BASE + "  - {id: two, name: Hai, province: Huế, host: one.vn, family: a-id, evidence: C}\n",
     "host one.vn belongs to both 'one' and 'two'"),
    (BASE.replace("evidence: C", "evidence: C, colour: red"), "outlet 'one'.colour: Extra inputs are not permitted"),
    (BASE.replace("schema_version: 1", "schema_version: 1\nexpected_units: 34"), "expected 34 provincial units, found 1"),
])
def test_mistakes_become_one_line_naming_the_place(text: str, message: str) -> None:
    with pytest.raises(RegistryError) as error:
        parse_registry(text, Path("outlets.yaml"))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_outlets_check_cli(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("outlets", "check")
    assert done.returncode == 0, done.stderr
    assert "35 outlets, 34 provincial units" in done.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text(BASE.replace("family: a-id", "family: nope"), encoding="utf-8")
    failed = cli("outlets", "check", "--registry", str(broken))
    assert failed.returncode != 0
    assert failed.stderr.strip().splitlines() == [f"Lỗi / error: {broken}: outlet 'one': unknown family 'nope'"]


def test_outlets_sync_writes_the_outlet_rows(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session, select

    from store.engine import make_engine
    from store.models import Outlet

    done = cli("outlets", "sync", env={"GENDERWATCH_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    with Session(make_engine(f"sqlite:///{tmp_path / 'genderwatch.db'}")) as session:
        outlets = {outlet.id: outlet for outlet in session.exec(select(Outlet))}
    assert len(outlets) == 35 and len({outlet.province for outlet in outlets.values()}) == 34
    assert outlets["baolaocai"].province == "Lào Cai" and "laocaitv.vn" in outlets["baolaocai"].aliases


@pytest.mark.parametrize("args, message", [
    ([], "choose --outlet ID (one or more) or --all"),
    (["--all", "--outlet", "baolaocai"], "choose --outlet ID (one or more) or --all"),
    (["--outlet", "nope"], "unknown outlet 'nope'"),
    (["--all", "--since", "2025-13-01"], "Invalid value for '--since'"),
])
def test_crawl_refuses_bad_arguments_in_one_line(tmp_path: Path, cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    done = cli("crawl", *args, env={"GENDERWATCH_DATA_DIR": str(tmp_path)})
    assert done.returncode != 0
    assert message in done.stderr
    assert not (tmp_path / "genderwatch.db").exists()  # nothing was started
