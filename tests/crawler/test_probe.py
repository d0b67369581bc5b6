"""``genderwatch outlets check --probe`` against the demo web: two polite requests per outlet."""

from __future__ import annotations

from pathlib import Path

from crawler.demo_web.server import DemoWeb
from crawler.probe import probe_outlets
from crawler.registry import load_registry


def test_probe_reports_robots_sitemaps_and_feeds(demo_web: DemoWeb, demo_registry: Path) -> None:
    registry = load_registry(demo_registry)
    mark = len(demo_web.requests)
    results = {result.outlet_id: result for result in probe_outlets(list(registry), "genderwatch-test")}
    assert all(result.reachable and result.robots_status == 200 for result in results.values())
    assert results["demo-cantho"].sitemaps == []  # this family announces none
    assert results["demo-laocai"].sitemaps == [registry.get("demo-laocai").absolute("/sitemaps/news.xml")]
    assert results["demo-nghean"].feeds == [registry.get("demo-nghean").absolute("/rss/home")]
    served = [r for r in demo_web.requests[mark:] if r.outlet_id in results]
    assert sorted(r.path for r in served) == sorted(["/robots.txt", "/"] * len(results))


def test_probe_command_output(demo_registry: Path, cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("outlets", "check", "--registry", str(demo_registry), "--probe")
    assert done.returncode == 0, done.stderr
    assert "reachable: 6/6" in done.stdout


def test_unreachable_outlet_is_reported_not_fatal(tmp_path: Path) -> None:
    registry = tmp_path / "dead.yaml"
    registry.write_text(
        "schema_version: 1\nfamilies: {generic: {description: x}}\noutlets:\n"
        "  - {id: dead, name: Chết, province: X, host: '127.0.0.29:9', scheme: http, family: generic, evidence: G}\n",
        encoding="utf-8")
    (result,) = probe_outlets(list(load_registry(registry)), "genderwatch-test", timeout=2)
    assert not result.reachable and result.error and "Connect" in result.error
