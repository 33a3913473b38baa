"""Render a ``verify`` report: a table of findings, or one line per finding for plain output."""

from __future__ import annotations

from typing import Any

from sahel_sim.clauses.articles import article_label

__all__ = ["print_report", "summary_line"]


def summary_line(report: Any) -> str:
    """``3 treaties, 12 clauses, 640 situations tried: 2 findings (1 error, 1 warning)``."""
    s = report.to_dict()["summary"]

    def n(count: int, noun: str) -> str:
        return f"{count} {noun}{'s' * (count != 1)}"

    head = f"{n(s['treaties'], 'treaty').replace('treatys', 'treaties')}, {n(s['clauses'], 'clause')}, " \
           f"{n(s['situations'], 'situation')} tried"
    notes = f"; {n(s['notes'], 'note')}" if s.get("notes") else ""
    if not s["findings"]:
        return head + ": no finding" + notes
    return head + f": {n(s['findings'], 'finding')} ({n(s['errors'], 'error')}, {n(s['warnings'], 'warning')})" + notes


def print_report(console: Any, report: Any) -> None:
    """The findings as a table (what, where, the situation that shows it, its file), then the summary."""
    from rich.text import Text

    from sahel_sim.report.tables import fit_table

    for title, found, what in (("Findings", report.findings, "Counterexamples"),
                               ("Notes (how a clause works; no defect)", getattr(report, "notes", []), "Examples")):
        if not found:
            continue
        rows = []
        files = []
        for n, f in enumerate(found, 1):
            where = f"{f.treaty} " + ", ".join(article_label(a) for a in dict.fromkeys(f.articles))
            shows = f.detail.message if f.detail else "no situation found to show it"
            rows.append([str(n), f.severity, f.kind, where, f.message, shows])
            if f.counterexample:
                again = "" if f.reproduced else "  (did NOT show the finding when run again)"
                files.append(f"  {n}. {f.counterexample}{again}")
        console.print(Text(title, style="bold"))
        fit_table(console, ["#", "severity", "kind", "where", "finding" if found is report.findings else "note",
                            "shown by"], rows)
        if files:
            console.print(Text(f"{what} (run one with: sahel-sim run FILE --explain)", style="bold"))
            for line in files:
                console.print(Text(line), soft_wrap=True)
    console.print(Text(summary_line(report)))
