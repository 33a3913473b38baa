"""Paths written inside a file (``treaties: [pact.yaml]``): resolved safely and confined.

A scenario may come from someone else, so a path in it is untrusted like the
rest of its text.  :func:`confined_path` turns one such path into the file to
read, or refuses it with a message and a hint (never a traceback): a NUL
character, a name longer than the system allows, a loop of symbolic links, a
missing file, something that is not a regular file, a suffix that is not
YAML, and, unless allowed, a file outside the scenario's own folder and the
shipped library.  Confinement is checked on the resolved path, so neither
``../`` nor a symbolic link leads out.

Other folders are allowed with ``SAHEL_SIM_ALLOW_PATHS`` (folders separated
by ``:``, or ``;`` on Windows) or with the ``allow`` argument.  The check is
the same for every kind of file a scenario names (treaties, world files):
callers pass what the file is for the messages.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Iterable

__all__ = ["ALLOW_ENVIRONMENT", "PathRefused", "allowed_roots", "confined_path"]

#: The environment variable naming further folders a file may point into.
ALLOW_ENVIRONMENT = "SAHEL_SIM_ALLOW_PATHS"

_LIBRARY = Path(__file__).resolve().parent.parent / "data"
_SUFFIXES = (".yaml", ".yml")


class PathRefused(Exception):
    """A path in a file that will not be read: what is wrong and how to fix it (no file content)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + (f" ({self.hint})" if self.hint else "")


def allowed_roots(environ: dict[str, str] | None = None) -> tuple[Path, ...]:
    """The folders named in ``SAHEL_SIM_ALLOW_PATHS`` (empty entries ignored), resolved."""
    raw = (os.environ if environ is None else environ).get(ALLOW_ENVIRONMENT, "")
    out = []
    for part in raw.split(os.pathsep):
        if part.strip() and "\0" not in part:
            try:
                out.append(Path(part.strip()).expanduser().resolve())
            except (OSError, RuntimeError):
                continue
    return tuple(out)


def confined_path(entry: object, base: Path, *, what: str = "treaty file",
                  allow: Iterable[Path] = (), suffixes: tuple[str, ...] = _SUFFIXES) -> Path:
    """The resolved file that ``entry`` (as written in a file in folder ``base``) names.

    Args:
        entry: the path as written, relative to ``base`` or absolute.
        base: the folder of the file that names it.
        what: what the file is, for messages ("treaty file", "world file").
        allow: further folders it may be in (besides ``base``, the library
            and ``SAHEL_SIM_ALLOW_PATHS``).
        suffixes: the suffixes accepted.

    Raises:
        PathRefused: the path is not one to read; the message quotes the
            path (escaped), never the content of the file.

    Examples:
        >>> confined_path("a\\0b.yaml", Path("."))
        Traceback (most recent call last):
        ...
        sahel_sim.scenario.paths.PathRefused: treaty file path 'a\\x00b.yaml' contains a NUL character (remove it)
    """
    from sahel_sim.scenario.yaml_source import quoted

    shown = quoted(entry, 120)
    if not isinstance(entry, str) or not entry.strip():
        raise PathRefused(f"{what} path {shown} is empty", "write a path relative to the scenario file")
    if "\0" in entry:
        raise PathRefused(f"{what} path {shown} contains a NUL character", "remove it")
    if not entry.lower().endswith(suffixes):
        raise PathRefused(f"{what} path {shown} is not a {' or '.join(suffixes)} file", "name a YAML file")
    target = Path(base) / entry
    if _too_long(target):
        raise PathRefused(f"{what} path {shown} is longer than the system allows", "shorten it")
    roots = [Path(base).resolve(), _LIBRARY, *allowed_roots(), *(Path(p).resolve() for p in allow)]
    try:
        # confinement first, on the path as far as it resolves: a file outside is refused whether it exists or not
        if not any(target.resolve().is_relative_to(root) for root in roots):
            raise PathRefused(f"{what} {shown} is outside the scenario's folder and the library",
                              f"move it beside the scenario, or allow its folder with {ALLOW_ENVIRONMENT}=FOLDER")
        resolved = target.resolve(strict=True)
    except FileNotFoundError:
        raise PathRefused(f"{what} {shown} not found: no such file {quoted(str(target), 200)}",
                          "paths are relative to the scenario file") from None
    except RuntimeError:  # Python 3.11: a loop of symbolic links
        raise PathRefused(f"{what} path {shown} is a loop of symbolic links", "point it at a real file") from None
    except OSError as exc:
        raise _refused(exc, what, shown) from None
    if not resolved.name.lower().endswith(suffixes):
        raise PathRefused(f"{what} {shown} is a link to a file that is not {' or '.join(suffixes)}",
                          "name a YAML file")
    if not resolved.is_file():
        kind = "a directory" if resolved.is_dir() else "not a regular file (a device, pipe or socket)"
        raise PathRefused(f"{what} {shown} is {kind}", "name a YAML file")
    return resolved


def _too_long(path: Path) -> bool:
    """Longer than the file system takes, in all or in one part (checked before asking the system)."""
    try:
        most_name = os.pathconf(path.anchor or ".", "PC_NAME_MAX")
        most_path = os.pathconf(path.anchor or ".", "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):  # pragma: no cover - systems without pathconf
        most_name, most_path = 255, 4096
    return len(os.fsencode(path)) >= most_path or any(len(os.fsencode(part)) > most_name for part in path.parts)


def _refused(exc: OSError, what: str, shown: str) -> PathRefused:
    if exc.errno == errno.ENAMETOOLONG:
        return PathRefused(f"{what} path {shown} is longer than the system allows", "shorten it")
    if exc.errno == errno.ELOOP:
        return PathRefused(f"{what} path {shown} is a loop of symbolic links", "point it at a real file")
    return PathRefused(f"{what} {shown} cannot be read: {exc.strerror or exc}")
