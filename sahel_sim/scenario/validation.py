"""Validate parsed YAML against a Pydantic model, with located, helpful messages.

Pydantic reports *what* is wrong and a ``loc``; this module turns each error
into a :class:`~sahel_sim.errors.Problem` naming the file, the line, the
field path, what was given, what is valid and a suggestion, and reports every
problem in the file at once.  The errors Pydantic gives for each member of a
union (``true or false``, ``a number`` or ``text``) are merged into one.

Two checks run before Pydantic, on the raw data, because Pydantic would
accept what they refuse: a number where a date belongs (Pydantic reads
``since: 86400`` as a Unix timestamp, 1970-01-02), and a date outside
:data:`EARLIEST` … :data:`LATEST` (year 0001 or 9999 is a typo or a sentinel,
and date arithmetic near the ends of the calendar overflows).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sahel_sim.clauses.conditions import LEAF_TESTS
from sahel_sim.errors import Problem, ScenarioError, format_path, suggest
from sahel_sim.model.base import validator_of
from sahel_sim.scenario.yaml_source import Located, quoted

__all__ = ["EARLIEST", "LATEST", "describe", "not_ascii", "validate"]

M = TypeVar("M", bound=BaseModel)
Path_ = tuple[str | int, ...]

#: The calendar a file may use; anything outside is refused as a typo or a sentinel.
EARLIEST = dt.date(1600, 1, 1)
LATEST = dt.date(2199, 12, 31)


def validate(model: type[M], src: Located) -> M:
    """Validate ``src.data`` as ``model``; raise :class:`ScenarioError` listing every problem."""
    if not isinstance(src.data, dict):
        raise ScenarioError.from_problems([Problem(
            f"the file must hold a mapping of fields, not {describe(src.data)}", src.file, 1,
            hint=_start_hint(model))])
    problems = _date_problems(model, src)
    try:
        result = validator_of(model).model_validate(src.data)
    except ValidationError as exc:
        errors = _drop_echoes(exc.errors(include_url=False))
        taken = {p.path for p in problems}  # a date already explained: Pydantic's view adds nothing
        problems += [p for p in (_problem(model, src, group) for group in _grouped(src, errors)) if p.path not in taken]
    else:
        if not problems:
            return result
    ordered = sorted(_drop_explained_missing(set(problems)),
                     key=lambda p: (p.line or 0, p.column or 0, p.path or "", p.message))
    raise ScenarioError.from_problems(ordered) from None


def _start_hint(model: type[BaseModel]) -> str:
    required = [f.alias or n for n, f in model.model_fields.items() if f.is_required()]
    if required:
        return "write 'name: value' lines, at least: " + ", ".join(required)
    names = sorted(f.alias or n for n, f in model.model_fields.items())
    return "write 'name: value' lines; fields: " + ", ".join(names)


# ---------------------------------------------------------------- what was given

def describe(value: Any) -> str:
    """What a value is, in words, for "given …" in messages.

    Examples:
        >>> describe([1, 2]), describe({}), describe(None), describe(6), describe("a" * 80)
        ('a list of 2 items', 'an empty mapping', 'nothing (an empty value)', 'the number 6', "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' (80 characters)")
    """
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}" if len(repr(value)) <= 40 else f"a number of {len(repr(value))} digits"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return quoted(value, 48)
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}" if value else "an empty list"
    if isinstance(value, dict):
        if not value:
            return "an empty mapping"
        keys = ", ".join(str(k) for k in list(value)[:4]) + (", …" if len(value) > 4 else "")
        return f"a mapping (with {keys})"
    return f"a {type(value).__name__}"


def _given(src: Located, path: Path_, value: Any) -> str:
    """``describe``, with the source text when YAML read it as something else (``NO`` as false)."""
    text = src.texts.get(path)
    if isinstance(value, bool) and text is not None and text.lower() not in ("true", "false"):
        return f"{text} (which YAML reads as {str(value).lower()})"
    if value is None and text not in (None, "", "~", "null"):
        return f"{text} (which YAML reads as nothing)"
    return describe(value)


# ---------------------------------------------------------------- dates: before Pydantic

def _date_problems(model: type[BaseModel], src: Located) -> list[Problem]:
    out: list[Problem] = []
    _walk_dates(_Place.root(model), src.data, (), src, out)
    return out


class _Place:
    """What the types at one place of a file say: a date, the models a mapping may be, what a list holds.

    A file repeats the same few places thousands of times (every clause's
    conditions, every membership, at every depth): a place is known by the
    model fields it is (``(Clause, "conditions")``, a list's items by the
    list's place), and each is worked out once, when first met.
    """

    __slots__ = ("is_date", "models", "_items", "_known", "_key", "_fields")

    def __init__(self, types_: tuple[Any, ...], key: tuple[Any, ...], known: dict[tuple[Any, ...], _Place]) -> None:
        flat = [u for t in types_ for u in _unwrap(t)]
        self.is_date = any(t is dt.date for t in flat) and not any(t is str for t in flat)
        self.models = tuple(t for t in flat if _is_model(t))
        self._items = tuple(typing.get_args(t)[0] for t in flat
                            if typing.get_origin(t) in (tuple, list) and typing.get_args(t))
        self._known = known
        self._key = key
        self._fields: dict[str, _Place | None] = {}

    @staticmethod
    @functools.cache
    def root(model: type[BaseModel]) -> _Place:
        """The place of a whole file read as ``model``, shared by every file read so (a model's places
        depend on its class alone, and the classes do not change)."""
        return _Place((model,), (model,), {})

    def _get(self, key: tuple[Any, ...], types_: tuple[Any, ...]) -> _Place | None:
        if not types_:
            return None
        place = self._known.get(key)
        if place is None:
            place = self._known[key] = _Place(types_, key, self._known)
        return place

    def field(self, key: str) -> _Place | None:
        """The place of a mapping's ``key`` (None: no model here has that field)."""
        try:
            return self._fields[key]
        except KeyError:
            named = [(m, t) for m in self.models for t in [_field_type(m, key)] if t is not None]
            place = self._fields[key] = self._get(tuple((m, key) for m, _ in named), tuple(t for _, t in named))
            return place

    def item(self) -> _Place | None:
        """The place of a list's items (None: no list type here)."""
        return self._get((self._key, 0), self._items)


def _walk_dates(place: _Place | None, value: Any, path: Path_, src: Located, out: list[Problem]) -> None:
    if place is None:
        return
    if place.is_date:
        problem = _date_problem(value, path, src)
        if problem is not None:
            out.append(problem)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _walk_dates(place.field(key), item, (*path, key), src, out)
    elif isinstance(value, list):
        item_place = place.item()
        for i, item in enumerate(value):
            _walk_dates(item_place, item, (*path, i), src, out)


def _field_type(model: type[BaseModel], key: str) -> Any:
    """The type of ``model``'s field named (or aliased) ``key``, forward references resolved; None: no such field.

    A model whose validator Pydantic has not built yet (it builds them when
    first used) may still hold a field's type as a forward reference (a
    condition's ``conditions`` names ``Condition``); the type is then read
    from the model's module, so that where the dates are does not depend on
    which models were used before.
    """
    fields = model.model_fields
    name = key if key in fields else next((n for n, f in fields.items() if f.alias == key), None)
    if name is None:
        return None
    annotation = fields[name].annotation
    if _unresolved(annotation):
        annotation = typing.get_type_hints(model, include_extras=True).get(name, annotation)
    return annotation


def _unresolved(tp: Any) -> bool:
    """Whether ``tp`` still names a type by a string (a forward reference), at any depth."""
    if isinstance(tp, (str, typing.ForwardRef)):
        return True
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return False
    args = typing.get_args(tp)
    return any(_unresolved(a) for a in (args[:1] if origin is typing.Annotated else args))


def _date_problem(value: Any, path: Path_, src: Located) -> Problem | None:
    line, col = src.where(path)
    where = format_path(path) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = src.texts.get(path, str(value))
        guess = _eight_digits(text)
        hint = f"did you mean {guess}?" if guess else "write dates as YYYY-MM-DD, e.g. 2023-09-16"
        return Problem(f"expected a date (YYYY-MM-DD), given {describe(value)}", src.file, line, col, where, hint)
    day: dt.date | None = None
    timed: str | None = None  # a time of day is refused at any hour, midnight and time zones included
    if isinstance(value, dt.datetime):
        day, timed = value.date(), describe(value)
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        if re.fullmatch(r"\s*[+-]?\d+(\.\d*)?\s*", value):  # "86400" would be a Unix timestamp to Pydantic
            guess = _eight_digits(value.strip())
            hint = f"did you mean {guess}?" if guess else "write dates as YYYY-MM-DD, e.g. 2023-09-16"
            return Problem(f"expected a date (YYYY-MM-DD), given {describe(value)}", src.file, line, col, where, hint)
        prefix = re.match(r"\d{4}-\d{2}-\d{2}", value)  # also "2025-06-01T00:00", which Pydantic accepts
        if prefix is None:
            return None  # Pydantic says what is wrong with it
        timed = describe(value) if value != prefix[0] else None
        try:
            day = dt.date.fromisoformat(prefix[0])
        except ValueError:
            return None
    if day is not None and EARLIEST <= day <= LATEST and timed is not None:
        return Problem(f"expected a date, given {timed}", src.file, line, col, where,
                       f"drop the time: {day.isoformat()}")
    if day is None or EARLIEST <= day <= LATEST:
        return None
    hint = "leave 'until' out for an open end" if path and path[-1] == "until" else "check the year"
    return Problem(f"the date {day.isoformat()} is out of range (valid: {EARLIEST} to {LATEST})",
                   src.file, line, col, where, hint)


def _eight_digits(text: str) -> str | None:
    """``20250601`` → ``2025-06-01`` when that is a real date in range."""
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        day = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return day.isoformat() if EARLIEST <= day <= LATEST else None


# ---------------------------------------------------------------- Pydantic's errors

def _drop_explained_missing(problems: set[Problem]) -> list[Problem]:
    """Drop "missing field 'scenario'" when an unknown field beside it says "did you mean scenario?"."""
    out = []
    for p in problems:
        missing = re.fullmatch(r"missing required field '(.+)'", p.message)
        if missing and p.path:
            parent = p.path.rpartition(".")[0] if p.path.endswith("." + missing[1]) else ""
            word = re.compile(rf"\b{re.escape(missing[1])}\b")
            if any(q.message.startswith("unknown field") and q.hint and word.search(q.hint)
                   and q.path and q.path.rpartition(".")[0] == parent for q in problems):
                continue
        out.append(p)
    return out


def _drop_echoes(errors: list[Any]) -> list[Any]:
    """Drop "too short" errors on a list whose items failed: the item errors say more."""
    locs = [tuple(e["loc"]) for e in errors]
    return [e for e in errors if not (e["type"] == "too_short" and any(
        len(other) > len(e["loc"]) and other[: len(e["loc"])] == tuple(e["loc"]) for other in locs))]


_EXPECTED = {
    "string_type": "text", "string_sub_type": "text",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "int_parsing_size": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "decimal_type": "a number",
    "tuple_type": "a list", "list_type": "a list", "set_type": "a list", "frozen_set_type": "a list",
    "dict_type": "a mapping", "model_type": "a mapping", "model_attributes_type": "a mapping",
    "dataclass_type": "a mapping", "date_type": "a date (YYYY-MM-DD)",
}


def _grouped(src: Located, errors: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """One group per problem: the type errors of a union's members at one place become one group."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for err in errors:
        path = _path_of(src, err)
        key: Any = ("type", path) if err["type"] in _EXPECTED else ("one", id(err))
        groups.setdefault(key, []).append(err)
    return list(groups.values())


def _path_of(src: Located, err: dict[str, Any]) -> Path_:
    loc = tuple(err["loc"])
    if err["type"] == "missing" and loc and isinstance(loc[-1], str):
        return (*_data_path(src.data, loc[:-1]), loc[-1])
    return _data_path(src.data, loc)


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
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
        elif part in ("conditions", "condition") and path and path[-1] in ("all_of", "any_of", "not"):
            continue  # the shorthand {any_of: [...]} is {test: any_of, conditions: [...]} to Pydantic
        elif isinstance(current, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: still name it
            current = None
    return tuple(path)


def _is_tag(part: str) -> bool:
    return "[" in part or part in _TAGS


_TAGS: frozenset[str] = frozenset(LEAF_TESTS) | {"path", "inline", "bool", "int", "float", "str"}

_PATTERNS = {
    r"^[A-Za-z][A-Za-z0-9_.\-]{0,39}$": "an id: a letter, then letters, digits, '_', '.' or '-' (40 at most)",
    r"^[a-z0-9][a-z0-9\-]{0,79}$": "a treaty id: lower-case letters, digits and '-' (80 at most)",
    r"^[a-z0-9][a-z0-9_\-]{0,59}$": "an id: lower-case letters, digits, '_' and '-' (60 at most)",
    r"^[a-z][a-z0-9_]*$": "a lower-case letter, then lower-case letters, digits or '_' (e.g. armed_attack)",
    r"^[A-Za-z][A-Za-z0-9_.\-/>]{0,199}$": "an event id: a letter, then letters, digits, '_', '.', '-', '/' or '>' "
                                          "(200 at most)",
}


#: Letters of other scripts that look like ASCII letters (NFKD already maps accents and full-width forms).
_LOOKALIKES = dict(zip(
    "АВЕКМНОРСТХУаеорсухіјѕԁԛԝІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαονρ",
    "ABEKMHOPCTXYaeopcyxijsdqwIJSABEZHIKMNOPTYXaovp"))


def not_ascii(text: str) -> str | None:
    """A hint naming the non-ASCII characters of an id, with the ASCII letter each one looks like.

    Examples:
        >>> not_ascii("\u0415ST")
        "'\u0415' is U+0415 CYRILLIC CAPITAL LETTER IE, not the ASCII letter 'E': retype it"
        >>> not_ascii("NER") is None
        True
    """
    import unicodedata

    seen = list(dict.fromkeys(ch for ch in text if ord(ch) > 127))
    if not seen:
        return None
    parts = []
    for ch in seen[:3]:
        name = unicodedata.name(ch, "an unnamed character")
        like = _LOOKALIKES.get(ch) or unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()[:1]
        shown = ch if ch.isprintable() else f"\\u{ord(ch):04x}"
        parts.append(f"'{shown}' is U+{ord(ch):04X} {name}" + (f", not the ASCII letter '{like}'" if like else ""))
    more = f" and {len(seen) - 3} more" if len(seen) > 3 else ""
    return "; ".join(parts) + more + (": retype it" if len(seen) == 1 else ": retype them")


def _problem(model: type[BaseModel], src: Located, group: list[dict[str, Any]]) -> Problem:
    err = group[0]
    path = _path_of(src, err)
    line, col = src.where(path)
    kind = err["type"]
    given = err.get("input")
    message, hint = err["msg"], None
    if kind in _EXPECTED:
        return _type_problem(model, src, group, path)
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        valid = _fields_at(model, path[:-1])
        message = f"unknown field {quoted(name)}"
        hint = suggest(name, valid) or (f"valid fields: {', '.join(sorted(valid))}" if valid else None)
    elif kind == "missing":
        message = f"missing required field {quoted(path[-1] if path else '?')}"
    elif kind in ("literal_error", "enum"):
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        message = f"{_given(src, path, given)} is not one of: {', '.join(options)}"
        hint = suggest(str(given), options)
    elif kind == "union_tag_invalid":
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected_tags", "")))
        message = f"unknown test {err.get('ctx', {}).get('tag')!r}; valid tests: {', '.join(options)}"
        hint = suggest(str(err.get("ctx", {}).get("tag")), options)
    elif kind == "union_tag_not_found":
        message = f"a condition needs 'test:' (or all_of, any_of, not), given {describe(given)}"
        hint = "e.g. {test: is_party, who: target}"
    elif kind == "date_from_datetime_inexact":
        message = f"expected a date, given {describe(given)}"
        hint = f"drop the time: {given.date().isoformat()}" if isinstance(given, dt.datetime) else None
    elif kind.startswith("date") or kind.startswith("datetime"):
        reason = str(err.get("ctx", {}).get("error") or err["msg"]).lower()
        message = f"invalid date {given!r}: {reason}"
        hint = "write dates as YYYY-MM-DD, e.g. 2023-09-16"
    elif kind == "string_pattern_mismatch":
        pattern = str(err.get("ctx", {}).get("pattern", ""))
        message = f"{_given(src, path, given)} is not valid here"
        hint = "expected " + _PATTERNS.get(pattern, f"text matching {pattern}")
        foreign = not_ascii(given) if isinstance(given, str) else None
        if foreign:
            hint = f"{foreign}; {hint}"
    elif kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        message = f"needs at least {least} item{'s' * (least != 1)}, given {describe(given)}"
    elif kind == "too_long":
        most = err.get("ctx", {}).get("max_length")
        message = f"takes at most {most} items, given {describe(given)}"
    elif kind == "string_too_short":
        message = f"must not be empty, given {_given(src, path, given)}"
        hint = "write some text, or leave the field out if it is optional"
    elif kind == "string_too_long":
        most = err.get("ctx", {}).get("max_length")
        message = f"takes at most {most} characters, given {_given(src, path, given)}"
    elif kind == "value_error":
        message = re.sub(r"^Value error, ", "", err["msg"])
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        message = f"{err['msg'].replace('Input should be', 'must be')}, given {describe(given)}"
    elif _short(given):
        message = f"{err['msg']} (given: {given!r})"
    return Problem(message, src.file, line, col, format_path(path) or None, hint)


def _type_problem(model: type[BaseModel], src: Located, group: list[dict[str, Any]], path: Path_) -> Problem:
    """Wrong type: what was expected (every member of a union), what was given, and how to fix it."""
    expected = list(dict.fromkeys(_EXPECTED[e["type"]] for e in group))
    given = group[0].get("input")
    line, col = src.where(path)
    wanted = expected[0] if len(expected) == 1 else ", ".join(expected[:-1]) + " or " + expected[-1]
    message = f"expected {wanted}, given {_given(src, path, given)}"
    text = src.texts.get(path)
    key = path[-1] if path and isinstance(path[-1], str) else None
    hint = None
    if given is None and text in (None, "", "~", "null", "Null", "NULL"):
        hint = "give a value, or leave the field out"
    elif "a mapping" in expected and isinstance(given, str) and len(path) >= 2 and path[-2] in ("all_of", "any_of"):
        hint = (f"the items of {path[-2]} are conditions; to match categories write "
                f"{{test: category, {path[-2]}: [{given}]}}")
    elif "text" in expected and not isinstance(given, (str, list, dict)):
        shown = text if text is not None else str(given)
        hint = f'quote it: {key}: "{shown}"' if key else f'quote it: "{shown}"'
    elif "a list" in expected and isinstance(given, (str, int, float)) and not isinstance(given, bool):
        shown = text if text is not None else str(given)
        hint = f"write a list: {key}: [{shown}]" if key else f"write a list: [{shown}]"
    elif "a list" in expected and isinstance(given, dict):
        hint = "write a list: start each item with '- ' on its own line, or use [a, b]"
    elif "a mapping" in expected:
        valid = _fields_at(model, path)
        if "test" in valid:
            hint = "a condition is a mapping, e.g. {test: is_party, who: target}"
        elif valid:
            hint = f"fields: {', '.join(sorted(valid))}"
        else:
            hint = "write 'name: value' pairs, e.g. {casualties: 12}"
    elif expected == ["true or false"]:
        hint = "write true or false"
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
            field = _field_type(t, part)
            if field is not None:
                out += _unwrap(field)
    return out


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [u for a in typing.get_args(tp) for u in _unwrap(a)]
    return [tp]
