"""Where the scenario of a request comes from: a shipped file, or the request's body.

A shipped scenario is a YAML file in the server's scenario folder, named by
its file name without ``.yaml``; it is read with the same loader as on the
command line and may name treaty files beside it.  A posted scenario is
untrusted text: it is read under the same limits as a file, and may not name
files at all (a ``treaties:`` path is refused, naming its field and line,
before anything is read).  Both are kept in small bounded caches, since a
page asks many questions of the same scenario.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from sahel_sim.errors import Problem, ScenarioError, UnknownEntityError, suggest
from sahel_sim.scenario.load import Scenario, load_scenario, scenario_from_text
from sahel_sim.scenario.yaml_source import Limits

__all__ = ["NotFound", "POSTED_NAME", "Sources", "default_scenario_dir"]

#: The file name that messages about a posted scenario give.
POSTED_NAME = "scenario"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
CACHED = 32


class NotFound(UnknownEntityError):
    """Raised when the id in a request's path names no shipped scenario or treaty (HTTP 404)."""


def default_scenario_dir() -> Path | None:
    """``./scenarios`` when it exists, else the example scenarios (:mod:`sahel_sim.examples`), else None."""
    if (Path.cwd() / "scenarios").is_dir():
        return Path.cwd() / "scenarios"
    from sahel_sim import examples

    try:
        return examples.folder()
    except UnknownEntityError:
        return None


class Sources:
    """The shipped scenarios of one folder, and posted scenarios, loaded and cached."""

    def __init__(self, folder: Path | None, limits: Limits) -> None:
        self.folder = folder
        self.limits = limits
        self._lock = threading.Lock()
        self._posted: OrderedDict[str, Scenario] = OrderedDict()
        self._shipped: dict[str, tuple[float, Scenario]] = {}

    def shipped_ids(self) -> list[str]:
        """Ids of the shipped scenarios, sorted."""
        if self.folder is None:
            return []
        return sorted(p.stem for p in self.folder.glob("*.yaml") if p.is_file() and _ID.match(p.stem))

    def shipped_path(self, scenario_id: str) -> Path:
        """The file of a shipped scenario.

        Raises:
            NotFound: no shipped scenario has this id.
        """
        ids = self.shipped_ids()
        if scenario_id not in ids:
            hint = suggest(scenario_id, ids) or "GET /api/scenarios lists them"
            raise NotFound(f"unknown scenario '{scenario_id}'; {hint}")
        assert self.folder is not None
        return self.folder / f"{scenario_id}.yaml"

    def shipped(self, scenario_id: str) -> Scenario:
        """A shipped scenario, loaded (again only when its file changed)."""
        path = self.shipped_path(scenario_id)
        stamp = path.stat().st_mtime
        with self._lock:
            hit = self._shipped.get(scenario_id)
        if hit and hit[0] == stamp:
            return hit[1]
        scenario = load_scenario(path, cache_writes=False)  # the server writes nothing to disk
        with self._lock:
            self._shipped[scenario_id] = (stamp, scenario)
        return scenario

    def shipped_text(self, scenario_id: str) -> str:
        """The YAML text of a shipped scenario."""
        return self.shipped_path(scenario_id).read_text(encoding="utf-8")

    def posted(self, body: bytes) -> Scenario:
        """A scenario from a request body (YAML or JSON, UTF-8), refusing file paths.

        Raises:
            ScenarioError: the body is empty, not UTF-8, or not a valid scenario.
        """
        key = hashlib.sha256(body).hexdigest()
        with self._lock:
            if key in self._posted:
                self._posted.move_to_end(key)
                return self._posted[key]
        scenario = scenario_from_text(_text(body), name=POSTED_NAME, limits=self.limits, files=False,
                                      base=_NOWHERE)
        with self._lock:
            self._posted[key] = scenario
            while len(self._posted) > CACHED:
                self._posted.popitem(last=False)
        return scenario

    def summary(self, scenario_id: str) -> dict[str, Any]:
        """Id, name, description and first date of a shipped scenario, for the page's list."""
        s = self.shipped(scenario_id)
        return {"id": scenario_id, "name": s.name, "description": s.spec.description,
                "hypothetical": s.spec.hypothetical, "date": min(e.date for e in s.events).isoformat()}


#: Posted scenarios have no folder: relative paths would resolve here, but none are ever read.
_NOWHERE = Path("/nonexistent-posted-scenario")


def _text(body: bytes) -> str:
    if not body.strip():
        raise ScenarioError.from_problems([Problem("the request body is empty", POSTED_NAME,
                                                   hint="send the scenario's YAML or JSON as the body")])
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError.from_problems([Problem(f"the body is not UTF-8 text (byte {exc.start})", POSTED_NAME,
                                                   hint="send the scenario as UTF-8 YAML or JSON")]) from None
