"""``genderwatch demo``: the whole service on the six local demo outlets, then the dashboard.

Each step runs the same job the scheduler runs (and records it in the job-run log): crawl the
demo web over HTTP, analyse every article, compute the indicators, write the scorecards of
every completed period, judge crawl health. Then demo accounts get fresh passwords and the
dashboard starts with the scheduler beside it, as ``genderwatch run`` would. Every step is
idempotent, so running the demo again only does what is missing.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from crawler.demo_web.render import SITE_DIR
from crawler.demo_web.server import DEFAULT_PORT, DemoWeb
from genderwatch.context import open_store
from genderwatch.errors import GenderwatchError
from genderwatch.scheduling.executor import JobExecutor, Outcome
from genderwatch.scheduling.process import Listen, serve_until_stopped
from genderwatch.scheduling.service import active_outlet_ids, holder_id
from genderwatch.settings import Settings
from store.accounts import create_user, find_user, set_password
from store.engine import session_scope
from store.indicators.periods import quarter_period
from store.migrate import upgrade_to_head
from store.models import IndicatorValue

STEPS = 9


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: one per role, so every view of the dashboard can be tried."""

    username: str
    role: str
    full_name: str
    outlet_id: str | None = None
    province: str | None = None


@dataclass(frozen=True)
class DemoStep:
    """One pipeline step of the demo: a scheduler job and how to summarise its outcome."""

    title: str
    job_id: str
    unit: str
    summary: Callable[[dict[str, Any]], str]


def _names(outlet_ids: list[str]) -> str:
    return ", ".join(outlet_ids) or "—"


PIPELINE = (
    DemoStep("Thu thập / crawling the demo outlets", "crawl:*", "bài / articles",
             lambda d: f"{d['articles_new']} bài mới / new articles, {d['articles_failed']} lỗi / failed"),
    DemoStep("Phân tích / analysing articles (people, quotes, stereotypes)", "analyse", "bài / articles",
             lambda d: f"{d['analysed']} bài / articles (phiên bản / version {d['analyser_version']})"),
    DemoStep("Chỉ số / indicators", "indicators", "cơ quan × kỳ / outlet × periods",
             lambda d: f"{d['recomputed']} cơ quan × kỳ / outlet × periods, {d['values_written']} giá trị / values"),
    DemoStep("Phiếu đánh giá / scorecards of completed periods", "reports", "phiếu / scorecards",
             lambda d: f"{d['written']} tệp / files under reports/ ({d['up_to_date']} đã có / up to date)"),
    DemoStep("Tình trạng thu thập / crawl health", "health", "cơ quan / outlets",
             lambda d: f"đỏ / red: {_names(d['red'])}; vàng / amber: {_names(d['amber'])}"),
)

DEMO_ACCOUNTS = (
    DemoAccount("quantri", "admin", "Quản trị viên (demo)"),
    DemoAccount("giamsat", "monitor", "Giám sát viên Lào Cai (demo)", province="Lào Cai"),
    DemoAccount("bientap", "editor", "Biên tập viên Báo Lào Cai (demo)", outlet_id="demo-laocai"),
)


class Demo:
    """The demo's steps, printed as they run."""

    def __init__(self, settings: Settings, console: Console) -> None:
        self.settings, self.console = settings, console
        self.step = 0
        self.engine: Engine = open_store(settings)
        self.executor = JobExecutor(settings, self.engine, f"demo:{holder_id()}")

    def _announce(self, title: str) -> None:
        self.step += 1
        self.console.print(f"[bold][{self.step}/{STEPS}][/] {title} ...")

    @contextmanager
    def _step(self, title: str) -> Iterator[None]:
        started = time.monotonic()
        self._announce(title)
        yield
        self.console.print(f"      xong / done ({time.monotonic() - started:.1f} s)")

    def _job(self, job_id: str, label: str, total: int | None) -> Outcome:
        """Run one job with a progress bar (on a terminal) and stop the demo if it fails."""
        columns = [TextColumn(f"      {label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
        with Progress(*columns, console=self.console, transient=True) as progress:
            task = progress.add_task(label, total=total)

            def report(done: int, job_total: int) -> None:
                progress.update(task, completed=done, total=total or job_total or None)

            outcome = self.executor.run(job_id, progress=report)
        if outcome.status != "succeeded":
            raise GenderwatchError(f"bước '{job_id}' thất bại / step '{job_id}' failed: {outcome.error}")
        return outcome

    def database(self) -> None:
        with self._step("Cơ sở dữ liệu / database"):
            _, revisions = upgrade_to_head(self.engine)
            self.console.print(f"      {self.engine.url.render_as_string(hide_password=True)} "
                               f"(schema {', '.join(sorted(revisions))})")

    def demo_web(self) -> DemoWeb:
        with self._step("Báo mô phỏng / demo outlets"):
            try:
                web = DemoWeb(port=DEFAULT_PORT).start()
            except GenderwatchError:  # the port is taken (another demo?): any free port will do
                web = DemoWeb(port=0).start()
            registry = self.settings.data_dir / "demo_outlets.yaml"
            web.write_registry(registry)
            self.settings = self.settings.model_copy(update={"outlet_registry": registry})
            self.executor.settings = self.settings
            for outlet_id, url in web.urls().items():
                self.console.print(f"      {outlet_id}: {url}")
        return web

    def pipeline(self) -> None:
        active_outlet_ids(self.settings, self.engine)  # every demo outlet in the table, crawled or not
        for step in PIPELINE:
            with self._step(step.title):
                total = len(list(SITE_DIR.rglob("*.expected.json"))) if step.job_id == "crawl:*" else None
                outcome = self._job(step.job_id, step.unit, total)
                self.console.print(f"      {step.summary(outcome.detail)}")

    def accounts(self) -> dict[str, str]:
        """Demo accounts with fresh random passwords (printed once, never stored in clear)."""
        passwords = {}
        with self._step("Tài khoản demo / demo accounts"), session_scope(self.engine) as session:
            for account in DEMO_ACCOUNTS:
                password = secrets.token_urlsafe(9)
                if find_user(session, account.username) is None:
                    create_user(session, account.username, password, account.role, full_name=account.full_name,
                                outlet_id=account.outlet_id, province=account.province)
                else:
                    set_password(session, account.username, password)
                passwords[account.username] = password
        return passwords

    def _newest_quarter(self) -> str | None:
        """The newest quarter with stored values: monthly samples of the demo outlets are small."""
        with Session(self.engine) as session:
            start = session.exec(select(func.max(IndicatorValue.period_start))
                                 .where(IndicatorValue.period_kind == "quarter")).one()
        return quarter_period(start.year, (start.month - 1) // 3 + 1).label if start else None

    def serve(self, listen: Listen | None, passwords: dict[str, str]) -> None:
        """The dashboard with the scheduler beside it, until Ctrl-C (``None``: skipped)."""
        self._announce("Bảng điều khiển và lập lịch / dashboard and scheduler")
        if listen is None:
            self.console.print("      bỏ qua (--no-serve) / skipped")
            return
        quarter = self._newest_quarter()

        def welcome() -> None:
            self.console.print(f"\n[bold green]Bảng điều khiển / dashboard: {listen.url}[/]")
            if quarter:
                self.console.print(f"  Quý mới nhất có số liệu / newest quarter with figures: {listen.url}?period={quarter}")
            for account in DEMO_ACCOUNTS:
                self.console.print(f"  Đăng nhập / login: {account.username} / {passwords[account.username]}"
                                   f"  ({account.full_name})")
            self.console.print("Dừng bằng Ctrl-C / stop with Ctrl-C.")

        serve_until_stopped(self.settings, self.engine, listen, on_ready=welcome)


def run_demo(settings: Settings, listen: Listen | None, console: Console) -> None:
    """Everything from an empty data directory to a running dashboard (``listen=None``: stop before serving)."""
    demo = Demo(settings, console)
    demo.database()
    web = demo.demo_web()
    try:
        demo.pipeline()
        demo.serve(listen, demo.accounts())
    finally:
        web.stop()
