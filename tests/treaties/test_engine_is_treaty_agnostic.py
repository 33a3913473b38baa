"""The engine knows no treaty: NATO, the Rio Treaty and the CSTO live in data files only.

The same check as ``grep -rnE 'NATO|Rio|CSTO|…' sahel_sim --include=*.py``: no Python file of the
package (data excluded, docstrings and comments included) names these treaties, their ids, or the
organisations behind them.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "sahel_sim"
FORBIDDEN = re.compile(r"\b(NATO|OTAN|Rio|CSTO|ODKB|TIAR|North Atlantic|Collective Security)\b"
                       r"|north-atlantic-treaty|rio-treaty|collective-security-treaty|Tropic of Cancer")


def test_no_python_file_names_the_comparison_treaties() -> None:
    files = [p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts]
    assert len(files) > 20
    hits = [f"{p.relative_to(PACKAGE)}:{n}: {line.strip()}"
            for p in files for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if FORBIDDEN.search(line)]
    assert hits == []


def test_the_treaties_are_data() -> None:
    names = {p.stem for p in (PACKAGE / "data" / "treaties").glob("*.yaml")}
    assert {"north-atlantic-treaty", "rio-treaty", "collective-security-treaty"} <= names
