"""The web application: a JSON API (documented by OpenAPI at ``/docs``) and the page at ``/``.

Every analysis comes in two forms: ``GET /api/scenarios/{id}/<what>`` asks
about a shipped scenario, ``POST /api/<what>`` about the scenario in the
request body (YAML or JSON).  The answers are the documents the command line
prints (see :mod:`sahel_sim.web.documents`).  Errors are JSON,
``{"error": message, "problems": [...]}``, with the status that says why:
404 unknown id, 413 body too large, 422 bad input (each problem with line,
field and fix), 503 busy, 504 too slow; an unexpected failure is a bare 500
with no traceback.  Nothing here writes to disk.
"""


import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, AsyncIterator, Callable

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from sahel_sim.errors import SahelSimError, UnknownEntityError
from sahel_sim.scenario.validation import EARLIEST, LATEST
from sahel_sim.scenario.yaml_source import Limits
from sahel_sim.web import documents
from sahel_sim.web.documents import Question
from sahel_sim.web.guards import BodyLimit, Busy, RunSlots, TooSlow, error_body
from sahel_sim.web.sources import NotFound, Sources

__all__ = ["Settings", "create_app"]

STATIC = Path(__file__).parent / "static"
LOG = logging.getLogger("sahel_sim.web")
DATE = r"^\d{4}-\d{2}-\d{2}$"
#: The page may load only what the server itself sends: no script, style or font from elsewhere.
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SCENARIO_BODY = {"requestBody": {"required": True, "description": "a scenario, as YAML or JSON",
                                 "content": {"application/yaml": {"schema": {"type": "string"}},
                                             "application/json": {"schema": {"type": "object",
                                                                                  "description": "GET /api/schema"}}}}}


@dataclass(frozen=True)
class Settings:
    """How the server bounds its work, and where the shipped scenarios are.

    Attributes:
        scenarios: the folder of shipped scenarios (none: only posted ones).
        limits: input limits for posted scenarios (those for files by default).
        runs: runs at once; more wait up to ``wait`` seconds, then get 503.
        timeout: seconds a run may take before the answer is 504.
        wait: seconds a request waits for a free run slot.
        cors: origins allowed to call the API from their pages (none: CORS off).
    """

    scenarios: Path | None = None
    limits: Limits = field(default_factory=Limits.from_env)
    runs: int = 2
    timeout: float = 30.0
    wait: float = 10.0
    cors: tuple[str, ...] = ()


class RunOptions(BaseModel):
    """The options of ``sahel-sim run``."""

    model_config = ConfigDict(extra="forbid")
    perspective: str | None = Field(default=None, max_length=100, description="the reading (default: the scenario's)")
    as_of: str | None = Field(default=None, pattern=DATE, description="move every event to this date, YYYY-MM-DD")
    party: list[str] = Field(default=[], max_length=50, description="also judge these actors (repeatable; commas)")
    cascade: int = Field(default=0, ge=0, le=50, description="rounds of responses to carry out")

    def question(self) -> Question:
        parties = tuple(p.strip() for value in self.party for p in value.split(",") if p.strip())
        return Question(self.perspective, _day("as_of", self.as_of), parties, self.cascade)


class ExplainOptions(BaseModel):
    """The options of ``sahel-sim explain``."""

    model_config = ConfigDict(extra="forbid")
    party: str = Field(max_length=100, description="the actor whose obligation to explain")
    treaty: str | None = Field(default=None, max_length=200, description="only this treaty's obligations")
    perspective: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=20, ge=1, le=100)


class TimelineOptions(BaseModel):
    """The options of ``sahel-sim timeline``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    start: str = Field(alias="from", pattern=DATE, description="first date, YYYY-MM-DD")
    end: str = Field(alias="to", pattern=DATE, description="last date, YYYY-MM-DD")
    perspective: str | None = Field(default=None, max_length=100)
    format: str = Field(default="json", pattern="^(json|svg)$")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application, with its routes, limits and error handlers."""
    settings = settings or Settings()
    sources = Sources(settings.scenarios, settings.limits)
    slots = RunSlots(settings.runs, timeout=settings.timeout, wait=settings.wait)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        slots.close()

    app = FastAPI(title="sahel-sim", summary="Who is legally bound to respond, under which clause, and why.",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings, app.state.slots, app.state.sources = settings, slots, sources
    _errors(app)
    _routes(app, sources, slots)
    _pages(app)
    if settings.cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors), allow_methods=["GET", "POST"],
                           allow_headers=["content-type"])
    from starlette.middleware.gzip import GZipMiddleware

    app.add_middleware(GZipMiddleware, minimum_size=10_000)  # run answers are large and compress about tenfold
    app.add_middleware(BodyLimit, max_bytes=settings.limits.max_bytes)
    return app


def _day(name: str, value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` parameter as a date in the range the data can express."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise SahelSimError(f"{name} {value!r} is not a valid date; expected YYYY-MM-DD") from None
    if not EARLIEST <= day <= LATEST:
        raise SahelSimError(f"{name} {value!r} is out of range; expected a date from {EARLIEST} to {LATEST}")
    return day


def _json(text: str) -> Response:
    return Response(text, media_type="application/json")


def _svg(data: bytes | str) -> Response:
    return Response(data, media_type="image/svg+xml")


def _routes(app: FastAPI, sources: Sources, slots: RunSlots) -> None:
    async def work(fn: Callable[[], Any]) -> Any:
        return await slots.call(fn)

    @app.get("/api/treaties", tags=["library"], summary="every shipped treaty, with its clauses' texts")
    async def treaties() -> Response:
        return _json(await work(documents.treaties_document))

    @app.get("/api/treaties/{treaty_id}", tags=["library"], summary="one treaty, as `sahel-sim treaties ID`")
    async def treaty(treaty_id: str) -> Response:
        def fn() -> str:
            try:
                return documents.treaty_document(treaty_id)
            except UnknownEntityError as exc:
                raise NotFound(str(exc)) from None

        return _json(await work(fn))

    @app.get("/api/schema", tags=["library"], summary="the JSON Schema of scenario files")
    async def schema() -> Response:
        return _json(await work(documents.schema_document))

    @app.get("/api/scenarios", tags=["scenarios"], summary="the shipped scenarios")
    async def scenarios() -> list[dict[str, Any]]:
        return await work(lambda: [sources.summary(i) for i in sources.shipped_ids()])

    @app.get("/api/scenarios/{scenario_id}", tags=["scenarios"], summary="a shipped scenario: its text and facts")
    async def scenario(scenario_id: str) -> dict[str, Any]:
        def fn() -> dict[str, Any]:
            summary = documents.validation_summary(sources.shipped(scenario_id))
            return {"id": scenario_id, **summary, "text": sources.shipped_text(scenario_id)}

        return await work(fn)

    @app.post("/api/translate", tags=["library"],
              summary="sentences of the answers (reasons, facts) in another language, as `--lang` shows them")
    async def translate(sentences: Annotated[list[Annotated[str, Field(max_length=2000)]],
                                             Body(max_length=5000)],
                        lang: Annotated[str, Query(pattern="^(en|fr)$")] = "fr") -> list[str]:
        return await work(lambda: documents.translated(sentences, lang))

    @app.post("/api/validate", tags=["scenarios"], openapi_extra=SCENARIO_BODY,
              summary="validate a scenario (422 lists each problem with line, field and fix)")
    async def validate(request: Request) -> dict[str, Any]:
        body = await request.body()
        return await work(lambda: documents.validation_summary(sources.posted(body)))

    _analysis(app, work, sources, "run", RunOptions, "simulate, as `sahel-sim run --format json`",
              lambda s, o: _json(documents.run_document(s, o.question())))
    _analysis(app, work, sources, "compare", RunOptions, "every reading side by side, as `run --compare-perspectives`",
              lambda s, o: _json(documents.compare_document(s, o.question())))
    _analysis(app, work, sources, "picture", RunOptions, "the world and its obligations, as `sahel-sim graph` SVG",
              lambda s, o: _svg(documents.picture_svg(s, o.question())))
    _analysis(app, work, sources, "explain", ExplainOptions, "what would flip a party's obligation, as `explain`",
              lambda s, o: _json(documents.flips_document(s, o.party, treaty=o.treaty, perspective=o.perspective,
                                                          limit=o.limit)))
    _analysis(app, work, sources, "timeline", TimelineOptions, "obligations switching on and off, as `timeline`",
              lambda s, o: (_svg if o.format == "svg" else _json)(documents.timeline_document(
                  s, _day("from", o.start), _day("to", o.end), perspective=o.perspective, svg=o.format == "svg")))


def _analysis(app: FastAPI, work: Callable[..., Any], sources: Sources, name: str, options: type[BaseModel],
              summary: str, answer: Callable[[Any, Any], Response]) -> None:
    """Register ``GET /api/scenarios/{id}/name`` and ``POST /api/name`` for one analysis."""

    async def shipped(scenario_id: str, opts: Annotated[options, Query()]) -> Response:
        return await work(lambda: answer(sources.shipped(scenario_id), opts))

    async def posted(request: Request, opts: Annotated[options, Query()]) -> Response:
        body = await request.body()
        return await work(lambda: answer(sources.posted(body), opts))

    app.add_api_route(f"/api/scenarios/{{scenario_id}}/{name}", shipped, methods=["GET"], tags=["analysis"],
                      summary=f"{summary} (a shipped scenario)", name=f"{name}_shipped")
    app.add_api_route(f"/api/{name}", posted, methods=["POST"], tags=["analysis"], openapi_extra=SCENARIO_BODY,
                      summary=f"{summary} (the scenario in the body)", name=f"{name}_posted")


def _errors(app: FastAPI) -> None:
    def problems(exc: SahelSimError) -> list[dict[str, Any]]:
        return [{"message": p.message, "file": p.file, "line": p.line, "column": p.column, "field": p.path,
                 "hint": p.hint, "text": p.render()} for p in exc.problems]

    @app.exception_handler(SahelSimError)
    async def bad_input(request: Request, exc: SahelSimError) -> Response:
        status = 404 if isinstance(exc, NotFound) else 422
        return Response(error_body(str(exc), problems=problems(exc)), status, media_type="application/json")

    @app.exception_handler(RequestValidationError)
    async def bad_options(request: Request, exc: RequestValidationError) -> Response:
        found = [{"message": e.get("msg", "invalid"),
                  "field": ".".join(str(x) for x in e.get("loc", ())[1:]) or ".".join(str(x) for x in e.get("loc", ())),
                  "line": None, "column": None, "file": None, "hint": None} for e in exc.errors()]
        for f in found:
            f["text"] = f"{f['field']}: {f['message']}"
        message = "; ".join(f["text"] for f in found) or "invalid request"
        return Response(error_body(message, problems=found), 422, media_type="application/json")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "no such page or API endpoint; GET /docs lists them" if exc.status_code == 404 else str(exc.detail)
        return Response(error_body(message), exc.status_code, media_type="application/json",
                        headers=getattr(exc, "headers", None))

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        slots: RunSlots = request.app.state.slots
        return Response(error_body(f"the server is busy: {slots.runs} runs are under way; try again shortly"), 503,
                        media_type="application/json", headers={"retry-after": "2"})

    @app.exception_handler(TooSlow)
    async def too_slow(request: Request, exc: TooSlow) -> Response:
        slots: RunSlots = request.app.state.slots
        return Response(error_body(f"the run took longer than the limit of {slots.timeout:g} s",
                                   hint="ask a smaller question (fewer events, a shorter timeline)"), 504,
                        media_type="application/json")

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> Response:
        LOG.exception("unexpected failure on %s %s", request.method, request.url.path)
        return Response(error_body("internal error: the server failed on this request"), 500,
                        media_type="application/json")


def _pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html", headers={"content-security-policy": CSP})

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        from fastapi.openapi.docs import get_swagger_ui_html

        html = get_swagger_ui_html(openapi_url="/openapi.json", title="sahel-sim API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")
        return HTMLResponse(html.body)

    try:
        import swagger_ui_bundle
    except ImportError:  # pragma: no cover - part of the web extra
        return
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")
