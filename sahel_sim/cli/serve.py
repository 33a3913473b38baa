"""``sahel-sim serve``: the web page and the JSON API, on this machine only unless asked.

Needs the ``web`` extra (FastAPI and uvicorn): ``pip install 'sahel-sim[web]'``.
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any

__all__ = ["handle", "register"]


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand."""
    p = sub.add_parser("serve", help="serve the web page and the JSON API (the 'web' extra)",
                       description="Serve a page where a person picks or writes a scenario and reads who is bound, "
                                   "and the JSON API behind it (documented at /docs). Listens on 127.0.0.1 only, "
                                   "unless --host says otherwise.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--scenarios", metavar="DIR",
                   help="folder of scenarios offered on the page (default: ./scenarios, else the shipped ones)")
    p.add_argument("--runs", type=_whole, default=2, metavar="N",
                   help="runs at once; further requests wait, then get 503 (default: 2)")
    p.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS",
                   help="time a run may take before the answer is 504 (default: 30)")
    p.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="let pages from ORIGIN call the API (repeatable; off by default)")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Start the server and serve until interrupted."""
    from sahel_sim.errors import SahelSimError

    try:
        import uvicorn

        from sahel_sim.web.app import Settings, create_app
    except ImportError as exc:
        raise SahelSimError(f"the web server needs the 'web' extra ({exc.name} is missing): "
                            "pip install 'sahel-sim[web]'") from None
    settings = Settings(scenarios=_folder(args.scenarios), runs=args.runs, timeout=args.timeout,
                        cors=tuple(args.cors))
    from sahel_sim.library import library_world

    library_world()  # read (and cache) the library now, not inside a request
    config = uvicorn.Config(create_app(settings), host=args.host, port=args.port, log_level="warning",
                            server_header=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    _announce(server, args.host)
    server.run()
    return Exit.OK


def _announce(server: Any, host: str) -> None:
    """Print the address once the socket is bound (the port is known only then when 0 was asked)."""
    startup = server.startup

    async def announced(sockets: Any = None) -> None:
        await startup(sockets=sockets)
        for s in server.servers:
            for sock in s.sockets:
                name = sock.getsockname()
                shown = f"[{name[0]}]" if ":" in name[0] else name[0]
                print(f"sahel-sim: serving on http://{shown}:{name[1]}/ (API docs at /docs; Ctrl-C stops)",
                      flush=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            print(f"sahel-sim: warning: listening on {host}, reachable from other machines", flush=True)

    server.startup = announced


def _folder(raw: str | None) -> Any:
    from pathlib import Path

    from sahel_sim.errors import SahelSimError
    from sahel_sim.web.sources import default_scenario_dir

    if raw is None:
        return default_scenario_dir()
    path = Path(raw)
    if not path.is_dir():
        raise SahelSimError(f"--scenarios {raw}: not a folder")
    return path


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port from 0 to 65535")
    return int(value)


def _whole(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number from 1 to 64")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds from 0 to 3600")
    return seconds
