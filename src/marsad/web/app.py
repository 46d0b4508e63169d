"""`marsad serve`: a read-only web reading room over a store (Starlette, Jinja2 templates, served by uvicorn).

Every page is rendered on the server from a read model in marsad.browse; the same URL with `?format=json` returns
that read model as JSON (the page's data, nothing more), as Datasette does. Nothing here writes: SQLite is opened
with mode=ro and a PostgreSQL session is read-only (store/db.py). Each worker thread keeps its own connection.
No script is shipped; the Content-Security-Policy forbids any, so text from a crawl can never run.
"""

from __future__ import annotations

import csv
import io
import sys
import threading
from importlib import resources
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..browse.amount_view import KINDS, SORTS, AmountFilters, amount_rows, amounts_page
from ..browse.article_view import article_page
from ..browse.entity_view import canonical_for, entity_page
from ..browse.limits import CSV_ROWS, MAX_NAME_CHARS
from ..browse.search_view import search_page
from ..browse.story_view import stories_page, story_page
from ..store.db import open_store
from ..store.query import QueryError
from ..store.search import Filters
from ..text.normalize import fold
from . import formatting, params
from .charts import bar_width, timeline_chart
from .markup import annotate
from .security import SecurityHeaders

DIGITS_COOKIE = "digits"


class Stores:
    """One read-only connection per worker thread (a SQLite connection must not be shared across threads)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.local = threading.local()
        self.get()  # fail now, with the store's own error, rather than on the first request

    def get(self):
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = open_store(self.url, create=False, read_only=True)
        return store


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("marsad.web", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(label=formatting.label, timeline_chart=timeline_chart, bar_width=bar_width,
                       entity_url=lambda name: "/entity/" + quote(name or "", safe=""),
                       safe_link=_safe_link)
    return env


def _safe_link(url: str | None) -> str | None:
    """An article's URL as a link only when it is http(s): a crawl may hold «javascript:» addresses."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def create_app(db_url: str) -> Starlette:
    stores = Stores(db_url)
    env = _environment()

    def render(request: Request, template: str, data: dict, status: int = 200, **extra) -> Response:
        if params.output_format(request.query_params, ("html", "json", "csv")) == "json":
            return JSONResponse(data, status_code=status)
        system = request.cookies.get(DIGITS_COOKIE, "latn")
        system = system if system in formatting.DIGITS else "latn"

        def url_with(**changes) -> str:
            query = dict(request.query_params)
            for key, value in changes.items():
                if value is None:
                    query.pop(key, None)
                else:
                    query[key] = str(value)
            query.pop("format", None)
            return request.url.path + ("?" + urlencode(query) if query else "")

        here = request.url.path + (("?" + request.url.query) if request.url.query else "")
        json_url = request.url.path + "?" + urlencode({**dict(request.query_params), "format": "json"})
        html = env.get_template(template).render(
            data=data, digits_system=system, url_with=url_with, here=here, json_url=json_url,
            num=lambda v: formatting.number(v, system), dig=lambda v: formatting.digits(v, system),
            pct=lambda v: formatting.percent(v, system), adate=lambda v: formatting.arabic_date(v, system),
            **extra)
        return HTMLResponse(html, status_code=status)

    def filters(request: Request) -> Filters:
        q = request.query_params
        return Filters(entity=params.text(q, "entity"), outlet=params.text(q, "outlet"),
                       date_from=params.date(q, "from"), date_to=params.date(q, "to"))

    def search(request: Request) -> Response:
        q = request.query_params
        try:
            data = search_page(stores.get(), params.query(q), filters(request), params.page(q))
        except QueryError as exc:
            raise params.BadRequest(str(exc)) from None
        return render(request, "search.html", data)

    def article(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        data = article_page(stores.get(), article_id[:64])
        if data is None:
            raise HTTPException(404, f"no stored article has the id «{article_id[:64]}»")
        text, unmarked = annotate(data["article"])
        return render(request, "article.html", data, marked=text, unmarked=unmarked)

    def entity(request: Request) -> Response:
        name = request.path_params["name"]
        if len(name) > MAX_NAME_CHARS:
            raise params.BadRequest(f"the name is {len(name)} characters long; at most {MAX_NAME_CHARS} are "
                                    f"accepted")
        data = entity_page(stores.get(), name)
        if data is None:
            raise HTTPException(404, f"no stored article names «{name}»")
        if fold(data["name"]) != fold(name):
            # another spelling or a short form («اردوغان»): the entity's own address, so that a page has one
            target = "/entity/" + quote(data["name"], safe="")
            if request.url.query:
                target += "?" + request.url.query
            return RedirectResponse(target, status_code=302)
        return render(request, "entity.html", data)

    def stories(request: Request) -> Response:
        return render(request, "stories.html", stories_page(stores.get(), params.page(request.query_params)))

    def story(request: Request) -> Response:
        number = request.path_params["number"]
        data = story_page(stores.get(), number)
        if data is None:
            raise HTTPException(404, f"no story number {number}")
        return render(request, "story.html", data)

    def amounts(request: Request) -> Response:
        q = request.query_params
        entity = params.text(q, "entity")
        f = AmountFilters(unit=params.text(q, "unit", 16), kind=params.choice(q, "kind", KINDS),
                          entity=canonical_for(stores.get(), entity) if entity else None,
                          date_from=params.date(q, "from"),
                          date_to=params.date(q, "to"),
                          sort=params.choice(q, "sort", tuple(SORTS), "value"),  # type: ignore[arg-type]
                          order=params.choice(q, "order", ("asc", "desc"), "desc"))  # type: ignore[arg-type]
        if params.output_format(q, ("html", "json", "csv")) == "csv":
            return _csv(amount_rows(stores.get(), f, CSV_ROWS))
        return render(request, "amounts.html", amounts_page(stores.get(), f, params.page(q)), kinds=KINDS)

    def prefs(request: Request) -> Response:
        q = request.query_params
        system = params.choice(q, "digits", formatting.DIGITS, "latn")
        back = q.get("back") or "/"
        if not back.startswith("/") or back.startswith("//") or "\\" in back:
            back = "/"  # only a page of this server: no open redirect
        response = RedirectResponse(back, status_code=303)
        response.set_cookie(DIGITS_COOKIE, system, max_age=365 * 86400, samesite="lax", httponly=True)
        return response

    def error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, params.BadRequest):
            status, message = 400, str(exc)
        elif isinstance(exc, HTTPException):
            status, message = exc.status_code, exc.detail if exc.status_code == 404 else "request refused"
            if exc.status_code == 404 and exc.detail == "Not Found":
                message = f"no page at {request.url.path}"
        else:  # a bug: one line on the console, a clean page for the reader, never a traceback
            print(f"marsad serve: internal error on {request.url.path}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            status, message = 500, "internal error (a bug in Marsad: please report it with the address)"
        wants_json = request.query_params.get("format") == "json"
        if wants_json:
            return JSONResponse({"error": message, "status": status}, status_code=status)
        html = env.get_template("error.html").render(
            status=status, message=message, digits_system="latn", here="/", json_url="?format=json",
            url_with=lambda **_: request.url.path, data={"query": ""},
            num=str, dig=str, pct=str, adate=str)
        return HTMLResponse(html, status_code=status)

    static = resources.files("marsad.web").joinpath("static")
    routes = [
        Route("/", search), Route("/search", search),
        Route("/article/{article_id}", article),
        Route("/entity/{name:path}", entity),
        Route("/stories", stories), Route("/story/{number:int}", story),
        Route("/amounts", amounts), Route("/prefs", prefs),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: error, params.BadRequest: error,
                                                       Exception: error})
    app.add_middleware(SecurityHeaders)
    return app


def _csv(rows: list[dict]) -> Response:
    out = io.StringIO()
    out.write("\ufeff")  # a BOM: spreadsheet programs then read the Arabic as UTF-8
    columns = ["value", "unit", "kind", "text", "sentence", "article", "title", "outlet", "published", "rule"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        # a cell starting with = + @ would be read as a formula by a spreadsheet: text from a crawl is data
        writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in "=+@" and k != "value" else v)
                         for k, v in row.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="marsad-amounts.csv"'})
