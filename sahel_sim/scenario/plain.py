"""Validated values as plain JSON data, and back without validating again.

A warm start reads the library and an unchanged scenario from the cache
(:mod:`sahel_sim.library_cache`).  Validating them again would build every
model's validator (the models are declared with ``defer_build``, so a
process that never validates never builds one); instead the cached data
records, for each object, which of the package's own models or enums it is,
and :func:`loads` rebuilds it with ``model_construct``.

What the data may name is closed: a model or enum defined in ``sahel_sim``,
a tuple, a set, a dict, a date, or a JSON scalar.  Nothing is imported,
called or evaluated on the data's say-so (unlike pickle): an unknown name, a
field the model does not have, or a missing required field makes the whole
document unreadable (:class:`ValueError`), and the caller reads the source
instead.  The data is trusted only as far as the cache folder is: private,
the user's own, with a checksum (see :mod:`sahel_sim.library_cache`).
"""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from sahel_sim.collector import paused

__all__ = ["dumps", "loads", "to_plain"]

_PACKAGE = "sahel_sim."


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def to_plain(value: Any) -> Any:
    """``value`` as JSON-ready data that records each object's model, enum, tuple or date.

    Raises:
        TypeError: a value of a kind the format does not hold (the caller then does not cache).
    """
    if value is None or isinstance(value, (bool, int, float, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, BaseModel):
        cls = type(value)
        if not cls.__module__.startswith(_PACKAGE):
            raise TypeError(f"{_name(cls)} is not one of the package's models")
        out: dict[str, Any] = {"@": _name(cls)}
        for field in cls.model_fields:
            out[field] = to_plain(getattr(value, field))
        unset = sorted(set(cls.model_fields) - value.model_fields_set)
        if unset:
            out["@unset"] = unset
        return out
    if isinstance(value, Enum):
        cls = type(value)
        if not cls.__module__.startswith(_PACKAGE):
            raise TypeError(f"{_name(cls)} is not one of the package's enums")
        return {"@enum": _name(cls), "value": to_plain(value.value)}
    if isinstance(value, tuple):
        return {"@tuple": [to_plain(v) for v in value]}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, frozenset):
        return {"@frozenset": [to_plain(v) for v in value]}
    if isinstance(value, dict):
        return {"@dict": [[to_plain(k), to_plain(v)] for k, v in value.items()]}
    if type(value) is date:
        return {"@date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} values are not cached")


def dumps(value: Any) -> str:
    """:func:`to_plain` as JSON text."""
    return json.dumps(to_plain(value), separators=(",", ":"), allow_nan=False)


def _subclasses(root: type) -> dict[str, type]:
    found: dict[str, type] = {}
    stack = [root]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.startswith(_PACKAGE):
                found[_name(sub)] = sub
            stack.append(sub)
    return found


class _Reader:
    """The closed set of names a document may use, and the hook that rebuilds each object."""

    def __init__(self) -> None:
        self.models = _subclasses(BaseModel)
        self.enums = _subclasses(Enum)
        self.fields: dict[type, frozenset[str]] = {}  # each model's field names, read from Pydantic once
        self.members: dict[tuple[Any, Any], Enum] = {}  # each enum member read, by its enum's name and value
        self.tags = {"@tuple": self._tuple, "@date": self._date, "@frozenset": self._frozenset, "@dict": self._dict}

    def hook(self, obj: dict[str, Any]) -> Any:
        name = obj.get("@")
        if name is not None:
            return self._model(name, obj)
        if len(obj) == 1:
            items = obj.get("@tuple", _NOT)
            if type(items) is list:  # the most frequent tag, read first
                return tuple(items)
            for tag, items in obj.items():
                read = self.tags.get(tag)
                if read is not None:
                    value = read(items)
                    if value is not _NOT:
                        return value
        if len(obj) == 2 and "@enum" in obj and "value" in obj:
            key = (obj["@enum"], obj["value"])
            member = self.members.get(key) if type(key[1]) in (str, int) else None
            if member is not None:
                return member
            cls = self.enums.get(obj["@enum"]) if isinstance(obj["@enum"], str) else None
            if cls is None:
                raise ValueError(f"not a known enum: {obj['@enum']!r}")
            member = cls(obj["value"])
            if type(key[1]) in (str, int):
                self.members[key] = member
            return member
        raise ValueError(f"not a cached object: keys {sorted(obj)[:5]}")

    @staticmethod
    def _tuple(items: Any) -> Any:
        return tuple(items) if isinstance(items, list) else _NOT

    @staticmethod
    def _date(items: Any) -> Any:
        return date.fromisoformat(items) if isinstance(items, str) else _NOT

    @staticmethod
    def _frozenset(items: Any) -> Any:
        return frozenset(items) if isinstance(items, list) else _NOT

    @staticmethod
    def _dict(items: Any) -> Any:
        if isinstance(items, list) and all(isinstance(p, list) and len(p) == 2 for p in items):
            return {k: v for k, v in items}
        return _NOT

    def _model(self, name: Any, obj: dict[str, Any]) -> Any:
        cls = self.models.get(name) if isinstance(name, str) else None
        if cls is None:
            raise ValueError(f"not a known model: {name!r}")
        fields = self.fields.get(cls)
        if fields is None:
            fields = self.fields[cls] = frozenset(cls.model_fields)
        del obj["@"]
        unset = obj.pop("@unset", [])
        if not isinstance(unset, list) or obj.keys() != fields or not fields.issuperset(unset):
            raise ValueError(f"{name}: the fields do not match the model")
        return cls.model_construct(_fields_set=set(fields).difference(unset), **obj)


#: What a tag's reader gives for items of the wrong kind (then the object is not what the tag says).
_NOT = object()


def loads(text: str) -> Any:
    """Rebuild what :func:`dumps` wrote, without validating it again.

    Raises:
        ValueError: not JSON, or data that names something outside the closed set, or a model's fields wrongly.
    """
    try:
        with paused():  # thousands of objects that all stay alive: collecting meanwhile finds nothing
            return json.loads(text, object_hook=_Reader().hook)
    except (TypeError, KeyError, AttributeError) as exc:  # a value of the wrong kind for a tag or an enum
        raise ValueError(f"unreadable cached data: {exc}") from None
