"""Languages: every sentence a person reads, in English or in French, from gettext catalogs.

The engine states its reasons in English, as data (a fact's predicate and
arguments, and its sentence).  Rendering in another language must not
change the engine, so translation works on sentences: the catalog's message
ids are the English templates with named fields
(``{who} is a party to the {name} on {day} ({via})``), each template is
matched against a sentence, the fields are translated in turn (a membership,
a list of legal categories) and the French template is filled in.  Fixed
words (headings, statuses, category names, clause descriptions from the
shipped treaties) are plain message ids.

The catalogs are standard gettext files under ``sahel_sim/locale``
(``.po`` for translators, ``.mo`` read at run time by :mod:`gettext`); the
language is chosen with :func:`use` (``--lang``), else from the locale
environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import gettext
import os
import re
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterator

__all__ = ["LANGUAGES", "chosen", "current", "gettext_", "language_from_env", "pgettext_", "tr", "use"]

DOMAIN = "sahel_sim"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
LANGUAGES = ("en", "fr")

_language: ContextVar[str] = ContextVar("sahel_sim_language", default="")


def language_from_env() -> str:
    """``fr`` when the locale environment asks for French, else ``en``.

    Examples:
        >>> import os
        >>> old = {k: os.environ.pop(k, None) for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
        >>> os.environ["LANG"] = "fr_FR.UTF-8"; language_from_env()
        'fr'
        >>> os.environ["LANG"] = "C.UTF-8"; language_from_env()
        'en'
        >>> for k, v in old.items():
        ...     _ = os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    """
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.split(":")[0].lower().startswith("fr") else "en"
    return "en"


def use(language: str | None) -> None:
    """Speak ``language`` (``en`` or ``fr``) from now on; None goes back to the locale environment.

    Raises:
        ValueError: an unknown language (the command line offers the choices).
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    _language.set(language or "")


def current() -> str:
    """The language in use."""
    return _language.get() or language_from_env()


def chosen() -> str | None:
    """The language :func:`use` chose, or None when it is the locale environment's.

    Examples:
        >>> use("fr"); chosen()
        'fr'
        >>> use(None); chosen() is None
        True
    """
    return _language.get() or None


@lru_cache(maxsize=None)
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True)


def gettext_(message: str) -> str:
    """A fixed message in the current language (the message itself in English, or when untranslated)."""
    language = current()
    if language == "en":
        return message
    return _catalog(language).gettext(message)


def pgettext_(context: str, message: str) -> str:
    """A fixed message of one context (``picture``) in the current language, else as a plain message.

    A context keeps short words (``events``, ``state``) out of the sentence
    translator, which would otherwise translate a field named so in an error
    message; a message the context lacks is looked up as a plain one.

    Examples:
        >>> use("fr"); pgettext_("picture", "W"), pgettext_("picture", "Bound"), tr("W")
        ('O', 'Tenu', 'W')
        >>> use(None)
    """
    language = current()
    if language == "en":
        return message
    catalog = _catalog(language)
    found = catalog.pgettext(context, message)
    return found if found != message else catalog.gettext(message)


_FIELD = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=None)
def _templates(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every message id with fields, as an anchored pattern, most specific first."""
    catalog = _catalog(language)
    found = []
    for msgid in _message_ids(catalog):
        if not _FIELD.search(msgid):
            continue
        pattern, pos, names = "", 0, []
        for m in _FIELD.finditer(msgid):
            pattern += re.escape(msgid[pos:m.start()])
            name = m.group(1)
            pattern += f"(?P={name})" if name in names else f"(?P<{name}>.+?)"
            names.append(name)
            pos = m.end()
        pattern += re.escape(msgid[pos:])
        literal = len(_FIELD.sub("", msgid))
        found.append((literal, re.compile(f"^{pattern}$", re.DOTALL), catalog.gettext(msgid)))
    found.sort(key=lambda t: -t[0])
    return tuple((p, s) for _, p, s in found)


def _message_ids(catalog: gettext.NullTranslations) -> Iterator[str]:
    messages = getattr(catalog, "_catalog", {})
    for key in messages:
        if isinstance(key, str) and key:
            yield key


def tr(sentence: str) -> str:
    """A sentence (or a fixed word) in the current language.

    A sentence no template matches is returned as it is: identifiers, names
    and dates need no translation, and a sentence from a user's own treaty
    file has none in the catalog.

    Examples:
        >>> use("fr"); tr("NER is a party to the Liptako-Gourma Charter on 2023-10-01 (member of AES since 2023-09-16)")
        "NER est partie au traité « Charte du Liptako-Gourma » le 2023-10-01 (membre d'AES depuis le 2023-09-16)"
        >>> tr("Bound")
        'Tenu'
        >>> use("en"); tr("Bound")
        'Bound'
    """
    language = current()
    if language == "en" or not sentence:
        return sentence
    return _contract(_translate(language, sentence, 0)) if language == "fr" else _translate(language, sentence, 0)


_CONTRACTIONS = ((" de le ", " du "), (" à le ", " au "), (" de les ", " des "), (" à les ", " aux "),
                 ("(de le ", "(du "), ("de le ", "du "))
_ELISION = re.compile(r"\b(de|que) (?=[aeiouéèêAEIOUÉ])")


def _contract(text: str) -> str:
    """French contractions where a filled-in template put ``de`` or ``à`` before ``le``/``les``, or a vowel.

    Examples:
        >>> _contract("membre de AES, qualifié de agression, parce que intervention, au nord de le tropique")
        "membre d'AES, qualifié d'agression, parce qu'intervention, au nord du tropique"
    """
    for old, new in _CONTRACTIONS:
        text = text.replace(old, new)
    return _ELISION.sub(lambda m: m.group(1)[:-1] + "'", text)





@lru_cache(maxsize=65536)
def _translate(language: str, sentence: str, depth: int) -> str:
    """A fixed message, else the first template whose fields all translate, else a list of such parts.

    Cached: a report repeats the same sentences for many parties.
    """
    catalog = _catalog(language)
    direct = catalog.gettext(sentence)
    if direct != sentence or depth > 8:
        return direct
    for pattern, target in _templates(language):
        m = pattern.match(sentence)
        if m is None:
            continue
        fields = {}
        for name, value in m.groupdict().items():
            if name in _SHAPES and not _SHAPES[name].search(value):
                break
            if name in _CODE_FIELDS:
                out = value
            elif name == "y":  # suggestions are typed as written; only their "or" is translated
                out = value.replace(" or ", f" {catalog.gettext('or')} ")
            elif name in _NAME_FIELDS:
                out = _labelled(catalog, value)
                if out == value and not _is_name(value):
                    out = _translate(language, value, depth + 1)  # a date known only to the month, say
                    if out == value:
                        break
            else:
                out = _translate(language, value, depth + 1)
                if out == value and not _is_name(value):
                    break
            fields[name] = out
        else:
            out = target.format(**fields)
            if out != sentence:
                return out
    return _split(language, sentence, depth)


# Fields that hold an identifier, a date, a number or a proper name, never a sentence: a template
# whose such field would hold a sentence is the wrong template.
_NAME_FIELDS = frozenset({"who", "event", "org", "organ", "day", "target", "since", "start", "signed", "limit", "b",
                          "x", "actor", "obligor", "party", "cause", "to", "lat", "point", "number", "count",
                          "rounds", "events", "obligations", "mark", "c", "d", "span", "holder", "parties",
                          "actors", "targets", "rule", "perspective", "name", "place", "whole", "named", "form",
                          "where", "field", "path", "x", "n", "names", "article"})
# Fields with a recognisable shape: a span of coordinates has degrees.
_SHAPES = {"span": re.compile(r"^[-\d.]+°[NSEW]?–"), "lat": re.compile(r"^[-\d.]+°")}
# Fields that hold code or YAML field names, kept exactly as written.
_CODE_FIELDS = frozenset({"fix", "keys", "choices"})

_LABELLED = re.compile(r"^([A-Z][A-Z0-9-]*) \((.+)\)$")


def _labelled(catalog: gettext.NullTranslations, value: str) -> str:
    """A name in the catalog, or ``ID (label)`` with its label translated, or ``A, B`` such names."""
    out = catalog.gettext(value)
    if out != value:
        return out
    parts = re.split(r"(?<=\)), (?=[A-Z])", value)
    if len(parts) > 1:
        return ", ".join(_labelled(catalog, p) for p in parts)
    m = _LABELLED.match(value)
    if m:
        return f"{m.group(1)} ({catalog.gettext(m.group(2))})"
    return value


_SEPARATORS = ("; ", " and ", " or ", ", ")


def _split(language: str, sentence: str, depth: int) -> str:
    """A list of parts joined by ``;``, ``and``, ``or`` or commas, each part translated, when they all are."""
    for sep in _SEPARATORS:
        parts = sentence.split(sep)
        if len(parts) < 2:
            continue
        words = [_translate(language, p, depth + 1) for p in parts]
        changed = any(w != p for w, p in zip(words, parts)) or sep.strip() in ("and", "or")
        if all(w != p or _is_name(p) for w, p in zip(words, parts)) and changed:
            word = sep.strip()
            joiner = f" {_catalog(language).gettext(word)} " if word in ("and", "or") else sep
            return joiner.join(words)
    return sentence


_NOT_A_NAME = re.compile(r" (is|are|lies|lie|at|to|under|was not|not) |: ")


def _is_name(value: str) -> bool:
    """Whether a field needs no translation: an identifier, a date, a number, or a proper name.

    A proper name starts with a capital or a digit and does not read as a
    clause of a sentence (no verb such as "is" or "lies", no colon).

    Examples:
        >>> [_is_name(v) for v in ("NER", "2023-10-01", "Algerian departments of France", "intervention>BFA-NGA",
        ...                        "the state is a party", "MALI (Mali) at 17°N lies within")]
        [True, True, True, True, False, False]
    """
    if " " not in value:
        return True  # an id, a date, a number
    return (value[:1].isupper() or value[:1].isdigit()) and not _NOT_A_NAME.search(value)
