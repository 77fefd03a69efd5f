"""The pages people open in a browser: the dashboard (/dashboard), the glossary (/glossary) and the
data-quality page (/quality), from the same snapshot and with the same token as the API.

A browser cannot send a bearer header, so with a token the pages also take it from a cookie, set by posting
the token to /dashboard/login (HttpOnly, SameSite=Strict): the token is compared as the API compares it.
A page is kept per snapshot and filters (PAGES_KEPT), so a page opened again is served at once.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections import OrderedDict
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from decision_lens.check.offline_page import offline_page_path
from decision_lens.dashboard.build import build_charts
from decision_lens.dashboard.context import BadFilter, read_filters, unit_filter_options
from decision_lens.dashboard.page import QUALITY_FOLDER, Links, plotly_js, render_message, render_page
from decision_lens.glossary import build_glossary
from decision_lens.glossary_pages import render_html
from decision_lens.semantic import MetricQuery, QueryResult
from decision_lens.serve.auth import Unauthorized, check_header
from decision_lens.serve.snapshot import Snapshot, SnapshotStore

if TYPE_CHECKING:
    from decision_lens.serve.app import Settings

COOKIE = "lens_token"
PAGES_KEPT = 32
PLOTLY_PATH = "/dashboard/plotly.min.js"


def pages_router(store: SnapshotStore, settings: Settings) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    kept: OrderedDict[tuple, str] = OrderedDict()
    lock = threading.Lock()
    quality_page = offline_page_path(store.dataset_dir / QUALITY_FOLDER)

    def authorized(request: Request) -> bool:
        if settings.token is None:
            return True
        cookie = request.cookies.get(COOKIE)
        for header in (request.headers.get("authorization"), f"Bearer {cookie}" if cookie else None):
            try:
                check_header(settings.token, header)
                return True
            except Unauthorized:
                continue
        return False

    @router.get("/dashboard")
    def dashboard(request: Request) -> Response:
        if not authorized(request):
            return _login_page(request.url.path)
        params = dict(request.query_params)
        with store.lease() as snapshot:
            key = (snapshot.generation, tuple(sorted(params.items())))
            with lock:
                page = kept.get(key)
            if page is None:
                try:
                    page = _dashboard(snapshot, settings, params, quality_page.is_file())
                except BadFilter as error:
                    return _message("Filters not understood", str(error), 400)
                with lock:
                    kept[key] = page
                    while len(kept) > PAGES_KEPT:
                        kept.popitem(last=False)
        return HTMLResponse(page)

    @router.post("/dashboard/login")
    async def login(request: Request) -> Response:
        form = urllib.parse.parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        target = (form.get("next") or ["/dashboard"])[0]
        target = target if target in ("/dashboard", "/glossary", "/quality") else "/dashboard"
        try:
            check_header(settings.token, f"Bearer {token}")
        except Unauthorized:
            return _login_page(target, "That token is not the server's.")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    @router.get(PLOTLY_PATH)
    def plotly() -> Response:
        """Plotly's own JavaScript, from its Python package: no data, so no token."""
        return Response(plotly_js(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    @router.get("/glossary")
    def glossary(request: Request) -> Response:
        if not authorized(request):
            return _login_page(request.url.path)
        glossary = build_glossary(store.current.catalog.manifest)
        return HTMLResponse(render_html(glossary, dashboard_href="/dashboard"))

    @router.get("/quality")
    def quality(request: Request) -> Response:
        if not authorized(request):
            return _login_page(request.url.path)
        if not quality_page.is_file():
            return _message("No data-quality page yet", "Run `lens check` to write it.", 404)
        return FileResponse(quality_page, media_type="text/html")

    return router


def _dashboard(snapshot: Snapshot, settings: Settings, params: dict[str, str], has_quality: bool) -> str:
    def ask(query: MetricQuery) -> QueryResult:
        return snapshot.layer.run(query, settings.timeout_s, settings.row_cap).result

    options = unit_filter_options(ask)
    filters = read_filters(params, options)
    context, charts = build_charts(ask, filters)
    labels = {metric["name"]: metric["label"] for metric in snapshot.catalog.metrics}
    links = Links("/glossary", "/quality" if has_quality else None, PLOTLY_PATH)
    return render_page(context, charts, labels=labels, options=options, links=links)


def _message(title: str, text: str, status_code: int) -> HTMLResponse:
    return HTMLResponse(render_message(title, text=text), status_code=status_code)


def _login_page(target: str, problem: str | None = None) -> HTMLResponse:
    page = render_message("This server wants its token", problem=problem, login_target=target)
    return HTMLResponse(page, status_code=401)
