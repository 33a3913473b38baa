"""Validate parsed YAML against a Pydantic model, with located, helpful messages.

Pydantic reports *what* is wrong and a ``loc``; this module turns each error
into a :class:`~sahel_sim.errors.Problem` naming the file, the line, the
field path, what was given, what is valid and a suggestion, and reports every
problem in the file at once.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sahel_sim.clauses.conditions import LEAF_TESTS
from sahel_sim.errors import Problem, ScenarioError, format_path, suggest
from sahel_sim.scenario.yaml_source import Located

__all__ = ["validate"]

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], src: Located) -> M:
    """Validate ``src.data`` as ``model``; raise :class:`ScenarioError` listing every problem."""
    if not isinstance(src.data, dict):
        kind = type(src.data).__name__
        raise ScenarioError.from_problems([Problem(f"the file must hold a mapping of fields, not a {kind}",
                                                   src.file, 1, hint=f"start with one of: {', '.join(model.model_fields)}")])
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        errors = _drop_echoes(exc.errors(include_url=False))
        problems = [_problem(model, src, err) for err in errors]
        unique = sorted(set(problems), key=lambda p: (p.line or 0, p.path or "", p.message))
        raise ScenarioError.from_problems(unique) from None


def _drop_echoes(errors: list[Any]) -> list[Any]:
    """Drop "too short" errors on a list whose items failed: the item errors say more."""
    locs = [tuple(e["loc"]) for e in errors]
    return [e for e in errors if not (e["type"] == "too_short" and any(
        len(other) > len(e["loc"]) and other[: len(e["loc"])] == tuple(e["loc"]) for other in locs))]


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Keep the parts of a Pydantic ``loc`` that navigate the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: still name it
            current = None
    return tuple(path)


def _is_tag(part: str) -> bool:
    return "[" in part or part in _TAGS


_TAGS: frozenset[str] = frozenset(LEAF_TESTS) | {"path", "inline"}


def _problem(model: type[BaseModel], src: Located, err: dict[str, Any]) -> Problem:
    path = _data_path(src.data, tuple(err["loc"]))
    line, col = src.where(path)
    kind = err["type"]
    given = err.get("input")
    message, hint = err["msg"], None
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        valid = _fields_at(model, path[:-1])
        message = f"unknown field '{name}'"
        hint = suggest(name, valid) or (f"valid fields: {', '.join(sorted(valid))}" if valid else None)
    elif kind == "missing":
        message = f"missing required field '{path[-1] if path else '?'}'"
    elif kind in ("literal_error", "enum"):
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        message = f"{given!r} is not one of: {', '.join(options)}"
        hint = suggest(str(given), options)
    elif kind == "union_tag_invalid":
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected_tags", "")))
        message = f"unknown test {err.get('ctx', {}).get('tag')!r}; valid tests: {', '.join(options)}"
        hint = suggest(str(err.get("ctx", {}).get("tag")), options)
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = f"invalid date {given!r}: {err['msg'].lower()}"
        hint = "write dates as YYYY-MM-DD, e.g. 2023-09-16"
    elif _short(given):
        message = f"{err['msg']} (given: {given!r})"
    return Problem(message, src.file, line, col, format_path(path) or None, hint)


def _short(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 60


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> set[str]:
    """Field names valid at ``path`` (union members merged), for suggestions."""
    current: list[Any] = [model]
    for part in path:
        current = [t for c in current for t in _step(c, part)]
    return {name for c in current if _is_model(c) for name, f in c.model_fields.items()} | {
        f.alias for c in current if _is_model(c) for f in c.model_fields.values() if f.alias
    }


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _step(tp: Any, part: str | int) -> list[Any]:
    out: list[Any] = []
    for t in _unwrap(tp):
        if isinstance(part, int):
            args = typing.get_args(t)
            if typing.get_origin(t) in (tuple, list) and args:
                out += _unwrap(args[0])
        elif _is_model(t):
            field = t.model_fields.get(part) or next(
                (f for f in t.model_fields.values() if f.alias == part), None)
            if field is not None:
                out += _unwrap(field.annotation)
    return out


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [u for a in typing.get_args(tp) for u in _unwrap(a)]
    return [tp]
