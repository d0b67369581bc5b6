"""``genderwatch indicators ...``: compute, show and configure the indicators.

Thin wiring only: every rule lives in ``store.indicators``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from sqlalchemy.engine import Engine

from genderwatch.cli.groups import bench_app
from genderwatch.context import open_store
from genderwatch.errors import GenderwatchError
from genderwatch.settings import get_settings
from store.engine import session_scope
from store.indicators import load_indicator_set, parse_period
from store.indicators.compliance import outlet_compliance, province_rollup
from store.indicators.results import Compliance, IndicatorResult
from store.indicators.self_assessment import load_form, save_self_assessment, score_self_assessment
from store.indicators.targets import set_province_target
from store.indicators.yaml_validation import ConfigFileError
from store.migrate import current_revisions, head_revisions

app = typer.Typer(
    help="Chỉ số về giới theo cơ quan báo chí và kỳ báo cáo / gender indicators per outlet and period.",
    no_args_is_help=True,
)


def migrated_store() -> Engine:
    """The configured database, refused with a clear message if it is not initialised."""
    engine = open_store(get_settings())
    if current_revisions(engine) != head_revisions():
        raise GenderwatchError("cơ sở dữ liệu chưa được khởi tạo / database not initialised: run `genderwatch init`")
    return engine


def _config_dir() -> Path:
    return get_settings().config_dir


@app.command("compute")
def compute(
    outlet: Optional[list[str]] = typer.Option(None, "--outlet", "-o", help="Outlet id (repeatable); all by default."),
    period: Optional[list[str]] = typer.Option(
        None, "--period", "-p",
        help="2025-11, 2025-Q4, 2025, 2025-AM or 2025-10-01..2025-12-31 (repeatable); "
             "default: every month, quarter, year and Action Month with data."),
    force: bool = typer.Option(False, "--force", help="Recompute even where the inputs did not change."),
) -> None:
    """Bring the stored indicator values up to date (only what changed, unless --force)."""
    from store.indicators.recompute import recompute

    periods = [parse_period(text) for text in period] if period else None
    report = recompute(migrated_store(), outlet_ids=outlet or None, periods=periods, force=force,
                       config_dir=_config_dir())
    typer.echo(
        f"Đã xét {report.considered} cặp cơ quan × kỳ, tính lại {report.recomputed}, giữ nguyên "
        f"{report.unchanged}, xóa {report.removed}; ghi {report.values_written} giá trị trong "
        f"{report.seconds:.2f} s / considered {report.considered}, recomputed {report.recomputed}, "
        f"unchanged {report.unchanged}, removed {report.removed}, values written {report.values_written}"
    )


def _result_json(result: IndicatorResult) -> dict[str, object]:
    return {key: getattr(result, key) for key in result.__dataclass_fields__}


@app.command("show")
def show(
    period: str = typer.Option(..., "--period", "-p", help="Reporting period, e.g. 2025-Q4."),
    outlet: Optional[str] = typer.Option(None, "--outlet", "-o", help="Outlet id."),
    province: Optional[str] = typer.Option(None, "--province", help="Province name (pooled values and roll-up)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Print an outlet's (or a province's) indicators for a period, refreshed if needed."""
    if (outlet is None) == (province is None):
        raise GenderwatchError("chọn --outlet hoặc --province / give exactly one of --outlet or --province")
    parsed = parse_period(period)
    config_dir = _config_dir()
    definitions = load_indicator_set(config_dir).by_id()
    with session_scope(migrated_store()) as session:
        if outlet is not None:
            compliance = outlet_compliance(session, outlet, parsed, config_dir=config_dir)
            results, percent = compliance.results, compliance.percent
            extra = {}
        else:
            rollup = province_rollup(session, province or "", parsed, config_dir=config_dir)
            results = rollup.pooled
            percent = Compliance.of(results).percent
            extra = {"outlets": rollup.outlets_total, "monitored": rollup.outlets_monitored,
                     "self_assessed": rollup.outlets_self_assessed, "adoption_share": rollup.adoption_share,
                     "compliance_distribution": rollup.compliance_distribution}
    if not results:
        raise GenderwatchError(f"không có dữ liệu / no analysed articles for {outlet or province} in {parsed.label}")
    if as_json:
        typer.echo(json.dumps({"period": parsed.label, "compliance_percent": percent, **extra,
                               "indicators": [_result_json(result) for result in results]},
                              ensure_ascii=False, indent=2))
        return
    typer.echo(f"{outlet or province} — {parsed.label_vi}")
    for result in results:
        definition = definitions[result.indicator_id]
        value = "—" if result.value is None else f"{result.value:.3f}"
        status = ("chưa đủ dữ liệu" if not result.sufficient else
                  "không xác định" if result.met is None else "đạt" if result.met else "chưa đạt")
        typer.echo(f"{definition.id:5} {value:>8}  n={result.denominator:<7g} {status:16} {definition.name_vi}")
    typer.echo("Mức đạt / compliance: " + ("—" if percent is None else f"{percent:.1f}%"))
    for key, value in extra.items():
        typer.echo(f"{key}: {value}")


@app.command("list")
def list_definitions() -> None:
    """List the indicator definitions with their default targets."""
    for definition in load_indicator_set(_config_dir()).definitions:
        target = (f"{definition.target:g}–{definition.target_high:g}" if definition.target_high is not None
                  else ("≥" if definition.direction == "higher_is_better" else "≤") + f"{definition.target:g}")
        typer.echo(f"{definition.id:5} {definition.section:7} {definition.unit:7} {definition.measure:10} "
                   f"{target:10} n≥{definition.min_sample:<4} {definition.name_vi}")


@app.command("validate")
def validate(
    config_dir: Optional[Path] = typer.Argument(None, help="Directory holding indicators.yaml and self_assessment.yaml."),
) -> None:
    """Check the indicator definitions and the self-assessment form; errors name the line."""
    directory = config_dir or _config_dir()
    definitions = load_indicator_set(directory).definitions
    form = load_form(directory)
    typer.echo(f"Hợp lệ / valid: {len(definitions)} chỉ số nội dung, {len(form.items)} mục tự đánh giá")


@app.command("target")
def target(
    province: str = typer.Option(..., "--province", help="Province name as in the outlet registry."),
    indicator: str = typer.Option(..., "--indicator", "-i", help="Indicator id, e.g. C01."),
    value: float = typer.Option(..., "--value", help="Target (lower bound for a band)."),
    high: Optional[float] = typer.Option(None, "--high", help="Upper bound, for indicators judged as a band."),
) -> None:
    """Set a province's own target for one indicator (values are recomputed on next use)."""
    definitions = load_indicator_set(_config_dir()).definitions
    with session_scope(migrated_store()) as session:
        set_province_target(session, definitions, province, indicator, value, high)
    typer.echo(f"Đã đặt mục tiêu {indicator} cho {province} / target set: {value:g}"
               + (f"–{high:g}" if high is not None else ""))


@app.command("self-assessment")
def self_assessment(
    outlet: str = typer.Option(..., "--outlet", "-o", help="Outlet id."),
    year: int = typer.Option(..., "--year", help="Year the answers describe."),
    answers_file: Path = typer.Argument(..., help="YAML or JSON file: item id → answer."),
    submit: bool = typer.Option(False, "--submit", help="Submit (counts for the 1790 adoption measure)."),
) -> None:
    """Store an outlet's A1–A5 self-assessment from a file and print its score."""
    import yaml

    form = load_form(_config_dir())
    try:
        answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigFileError(f"cannot read {answers_file}: {error}") from None
    except yaml.YAMLError as error:
        raise ConfigFileError(f"{answers_file}: not valid YAML/JSON: {error}") from None
    with session_scope(migrated_store()) as session:
        row = save_self_assessment(session, form, outlet, year, answers, submit=submit)
        score = score_self_assessment(form, row.answers)
        status = row.status
    percent = "—" if score.percent is None else f"{score.percent:.1f}%"
    typer.echo(f"Đã lưu phiếu tự đánh giá {outlet} năm {year} ({status}); tỷ lệ đạt {percent}")
    for area, (name_vi, _) in form.areas.items():
        met, evaluable = score.area(area)
        typer.echo(f"  {area} {name_vi}: {met}/{evaluable}")


def bench_indicators(
    articles: int = typer.Option(1_000_000, "--articles", min=1000, help="Synthetic analysed articles to generate."),
    admin_url: str = typer.Option(
        "postgresql+psycopg://postgres@127.0.0.1:5432/test", "--admin-url", envvar="GENDERWATCH_BENCH_PG_ADMIN_URL",
        help="PostgreSQL URL allowed to create and drop a throwaway database."),
) -> None:
    """Time full and one outlet-month recomputes on synthetic data (targets: < 10 s, < 1 s)."""
    from store.indicators.bench import run_benchmark

    result = run_benchmark(admin_url, articles, _config_dir(), progress=typer.echo)
    typer.echo(
        f"SYNTHETIC data: {result.articles:,} articles, {result.people:,} people, {result.quotes:,} quotes, "
        f"{result.findings:,} findings (loaded in {result.load_seconds:.0f} s)\n"
        f"full recompute, {result.full_pairs} outlet × periods (34 outlets × 12 months, 4 quarters, year, "
        f"Action Month), forced: {result.full_seconds:.2f} s\n"
        f"34 × 12 outlet-months, forced: {result.months_seconds:.2f} s\n"
        f"one outlet-month, forced: {result.one_outlet_month_seconds:.2f} s\n"
        f"incremental recompute with nothing changed: {result.incremental_noop_seconds:.2f} s"
    )


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="indicators")
    bench_app.command("indicators")(bench_indicators)
