"""One error hierarchy for everything a user can get wrong.

Every error a user can cause (a bad scenario file, an unknown actor, a clause
that refers to nothing) is a :class:`SahelSimError`.  The command line catches
this one class, prints its message and exits with code 2; anything else is a
bug and is allowed to show a traceback.

Messages follow one recipe: *where* (file, line, field path), *what was given*,
*what is valid* and *a suggestion* ("did you mean NER?").  A :class:`Problem`
holds those parts so that several problems found in one file can be reported
together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

__all__ = [
    "ClauseError",
    "OutputError",
    "Problem",
    "SahelSimError",
    "ScenarioError",
    "UnknownEntityError",
    "control_pictures",
    "format_path",
    "printable",
    "suggest",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    hint: str | None = None

    def render(self) -> str:
        """Render as ``file:line:col: field: message (hint)``."""
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}:{field} {self.message}{hint}")


class SahelSimError(Exception):
    """Base class of every error caused by user input or usage; exit code 2."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> "SahelSimError":
        """Build one error that lists every problem, one per line."""
        lines = [p.render() for p in problems]
        head = lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n  " + "\n  ".join(lines)
        return cls(head, problems)


class ScenarioError(SahelSimError, ValueError):
    """Raised when a scenario, treaty or world file cannot be read or is invalid."""


class UnknownEntityError(SahelSimError, LookupError):
    """Raised when an id (actor, treaty, perspective, territory) does not exist."""


class ClauseError(SahelSimError, ValueError):
    """Raised when a clause is malformed in a way the schema cannot see (e.g. a role misused)."""


class OutputError(SahelSimError, OSError):
    """Raised when an output file cannot be written safely (exists, or is an input)."""


def printable(text: object, *, keep_newlines: bool = False, unicode_escapes: bool = False) -> str:
    """``text`` with every control character shown as an escape, so printing it cannot steer a terminal.

    Text from a file (a name, a key, a path) may hold escape sequences that
    move the cursor, recolour or rewrite what is on screen, or direction
    overrides that reorder it.  Control characters (C0, DEL, C1) and Unicode
    format characters (bidi overrides, zero-width joiners) become ``\\xNN`` /
    ``\\uNNNN``; everything printable, accents and other scripts included,
    is kept.  ``keep_newlines`` keeps line breaks of a multi-line message;
    ``unicode_escapes`` writes every escape as ``\\uNNNN`` (valid inside a
    JSON string too, for whole documents).

    Examples:
        >>> print(printable(chr(27) + "[31mred"), printable("a" + chr(0x202E) + "b"))
        \\x1b[31mred a\\u202eb
        >>> printable("Côte d'Ivoire")
        "Côte d'Ivoire"
    """
    value = str(text)
    if value.isprintable():
        return value
    out = []
    for ch in value:
        if ch.isprintable() or (keep_newlines and ch == "\n"):
            out.append(ch)
        else:
            code = ord(ch)
            if code >= 0x10000:
                out.append(f"\\U{code:08x}")
            else:
                out.append(f"\\x{code:02x}" if code < 0x100 and not unicode_escapes else f"\\u{code:04x}")
    return "".join(out)


def control_pictures(text: str) -> str:
    """``text`` with each control or format character replaced by one visible symbol (for aligned tables).

    C0 controls become their Unicode control pictures (ESC is ``␛``), DEL is
    ``␡``, any other non-printable character ``�``: one column each, so a
    table's widths stay right, and nothing reaches the terminal as a command.

    Examples:
        >>> control_pictures(chr(27) + "[2Jname")
        '␛[2Jname'
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == "\n":
            out.append(ch)
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))
        else:
            out.append("\u2421" if ch == "\x7f" else "\ufffd")
    return "".join(out)


def suggest(given: str, valid: Iterable[str], *, labels: dict[str, str] | None = None) -> str | None:
    """Return a "did you mean …?" phrase for a near-miss, or None.

    Matching is case-insensitive and also tries labels (e.g. actor names), so
    that "Nigeria" suggests NGA.

    Examples:
        >>> suggest("NIG", ["NER", "NGA", "MLI"], labels={"NER": "Niger", "NGA": "Nigeria"})
        'did you mean NER (Niger) or NGA (Nigeria)?'
        >>> suggest("zzz", ["NER"]) is None
        True
    """
    import difflib

    options = sorted(set(valid))
    by_key = {o.casefold(): o for o in options}
    for ident, label in (labels or {}).items():
        by_key.setdefault(label.casefold(), ident)
    key = given.casefold()
    if key in by_key and by_key[key] != given:
        found = [by_key[key]]
    else:
        close = difflib.get_close_matches(key, list(by_key), n=4, cutoff=0.6)
        if not close and len(key) <= 4:
            close = difflib.get_close_matches(key, list(by_key), n=4, cutoff=0.34)
        if close:  # keep only the near misses nearly as close as the best one ("locaton": location, not invocations)
            ratio = {c: difflib.SequenceMatcher(None, key, c).ratio() for c in close}
            close = [c for c in close if ratio[c] >= 0.85 * max(ratio.values())]
        found = list(dict.fromkeys(by_key[c] for c in close))
    found = [f for f in found if f != given][:3]
    if not found:
        return None
    shown = [f"{f} ({labels[f]})" if labels and f in labels else f for f in found]
    return "did you mean " + " or ".join(shown) + "?"


def format_path(loc: Iterable[object]) -> str:
    """Render a field path like ``events[0].target``.

    Examples:
        >>> format_path(("events", 0, "target"))
        'events[0].target'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
