"""How an article is named in a sentence: ``Art. 6``, but ``Protocol 1(b)`` as the treaty file spells it.

Most articles are numbered (``6``, ``42(7)``, ``IV(1)``) and read ``Art. 6``.
Some provisions are not articles of the treaty itself: a paragraph of a
protocol signed with it, an annex.  Their id in the treaty file starts with
that word (``Protocol 1(b)``), and putting ``Art.`` before it would make a
sentence that names no real provision.
"""

from __future__ import annotations

import re

__all__ = ["article_label", "articles_label"]

# A first word that is a name ("Protocol", "Annex"), not a number or a Roman numeral ("IV(1)", "VIII").
_NAMED = re.compile(r"[A-Za-z]{2,}\b")
_ROMAN = re.compile(r"[IVXLCDM]+\b")


def article_label(article: str) -> str:
    """``Art. 6`` for a numbered article; a provision whose id starts with a name (``Protocol 1(b)``) as it is."""
    if _NAMED.match(article) and not _ROMAN.match(article):
        return article
    return f"Art. {article}"


def articles_label(articles: list[str] | tuple[str, ...]) -> str:
    """Several articles in one phrase: ``Art. 5, 6``, or, when some are named, each by its label."""
    labels = [article_label(a) for a in articles]
    if all(label.startswith("Art. ") for label in labels):
        return "Art. " + ", ".join(articles)
    return ", ".join(labels)
