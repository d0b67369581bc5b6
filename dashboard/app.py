"""The dashboard application: ``create_app(settings) -> FastAPI``.

Server-rendered Vietnamese pages (English switchable) and a JSON API under ``/api/v1``, both
behind the same signed session, CSRF check and per-outlet access rule.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.middleware.sessions import SessionMiddleware

from dashboard.auth import LoginRequired
from dashboard.csrf import verify_csrf
from dashboard.headers import SecurityHeadersMiddleware
from dashboard.figure_cache import FigureCache
from dashboard.i18n import catalogue
from dashboard.limits import BodyLimitMiddleware
from dashboard.routes import api, articles, overview, registry, reviews, selfcheck, session, sheets, users
from dashboard.secret import session_secret
from dashboard.selfcheck import AnalyserRunner
from dashboard.web import optional_user, render, template_environment
from genderwatch.context import open_store
from genderwatch.errors import GenderwatchError
from genderwatch.settings import Settings
from store.indicators.definitions import load_indicator_set
from store.indicators.self_assessment import load_form
from store.migrate import current_revisions, head_revisions

STATIC_DIR = Path(__file__).with_name("static")
SESSION_COOKIE = "gw_session"
SESSION_SECONDS = 12 * 3600


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, status_code: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status_code)
    key = {401: "error.forbidden", 403: "error.forbidden", 404: "error.not_found"}.get(status_code)
    if detail in catalogue():
        key, detail = detail, ""
    with request.app.state.session_factory() as session:
        user = optional_user(request, session)
        return render(request, "error.html", user, status_code=status_code, message_key=key or "error.bad_request",
                      detail=detail)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={target}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 403 and error.detail == "csrf":
            return _error_page(request, 403, "error.csrf")
        return _error_page(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        return _error_page(request, 400, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(GenderwatchError)
    async def refused(request: Request, error: GenderwatchError) -> Response:
        return _error_page(request, 400, str(error))


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """Build the dashboard on the configured (or given) database, which must be migrated."""
    engine = engine or open_store(settings)
    if current_revisions(engine) != head_revisions():
        raise GenderwatchError("cơ sở dữ liệu chưa được khởi tạo / database not initialised: run `genderwatch init`")
    app = FastAPI(
        title="genderwatch API", version="1",
        description="Chỉ số về giới trong báo chí địa phương / gender indicators of Vietnam's provincial press.",
        docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
        dependencies=[Depends(verify_csrf)],
    )
    app.state.engine = engine
    app.state.session_factory = lambda: Session(engine)
    app.state.settings = settings
    app.state.config_dir = settings.config_dir
    app.state.indicator_set = load_indicator_set(settings.config_dir)
    app.state.form = load_form(settings.config_dir)
    app.state.templates = template_environment()
    app.state.analyser = AnalyserRunner()
    app.state.figures = FigureCache()
    app.state.reports_dir = settings.data_dir / "reports" / "downloads"

    app.add_middleware(SessionMiddleware, secret_key=session_secret(settings), session_cookie=SESSION_COOKIE,
                       max_age=SESSION_SECONDS, same_site="lax")
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (session, overview, articles, reviews, selfcheck, sheets, registry, users):
        app.include_router(module.router)
    app.include_router(api.router, prefix="/api/v1")
    _install_error_handlers(app)
    return app
