"""``sahel-sim treaties``: the shipped treaty library, or one treaty in detail.

Shows what the engine will apply: each clause's trigger, conditions and
exceptions as the data states them, and the duty it creates.  With
``--atop``, the same clauses named in the vocabulary of the Alliance Treaty
Obligations and Provisions project (an approximation, for comparison by eye).
"""

from __future__ import annotations

import argparse

from sahel_sim.cli._common import Exit, emit, iso_date

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any
    from sahel_sim.clauses.treaty import Treaty

__all__ = ["handle", "register"]

FORMATS = ("table", "json", "markdown")


def register(sub: Any) -> None:
    """Add the ``treaties`` subcommand."""
    from sahel_sim.clauses.eras import ERAS

    p = sub.add_parser("treaties", help="list the shipped treaties, or show one",
                       description="Without ID, list every shipped treaty (filtered by region, era, date and party); "
                                   "with ID, show its metadata and each clause's text beside its encoding.")
    p.add_argument("id", nargs="?", metavar="ID", help="a treaty id, e.g. liptako-gourma-charter")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--atop", action="store_true",
                   help="summarise obligations in ATOP's vocabulary (defense, offense, neutrality, nonaggression, "
                        "consultation, with their conditions): an approximation for comparison by eye")
    p.add_argument("--coverage", action="store_true",
                   help="for each treaty: the articles encoded as clauses, those left unencoded and why, "
                        "and the weakest confidence")
    p.add_argument("--region", metavar="REGION", help="only treaties covering this region (e.g. europe, asia, pacific)")
    p.add_argument("--era", choices=[name for name, _, _ in ERAS],
                   help="only treaties signed in this era: " + "; ".join(f"{n}: {d}" for n, _, d in ERAS))
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="only treaties in force on this date")
    p.add_argument("--party", metavar="ID", help="only treaties this actor is a party to (on the --on date, if given)")
    p.set_defaults(handler=handle, leaves_no_cycles=True)


def handle(args: argparse.Namespace) -> int:
    """List or show; an unknown id is an input error with a suggestion."""
    from sahel_sim.library import find_treaty, shipped_treaties

    treaties = _filtered(shipped_treaties(), args)
    if getattr(args, "coverage", False):
        chosen = treaties if args.id is None else [find_treaty(treaties, args.id)]
        _coverage(chosen, args.format)
    elif getattr(args, "atop", False):
        chosen = treaties if args.id is None else [find_treaty(treaties, args.id)]
        _atop(chosen, args.format, single=args.id is not None)
    elif args.id is None:
        _list(treaties, args.format)
    else:
        _show(find_treaty(treaties, args.id), args.format)
    return Exit.OK


def _filtered(treaties: list[Treaty], args: argparse.Namespace) -> list[Treaty]:
    """The treaties the filters select; an unknown region or party is an input error with a suggestion."""
    region, era, on, party = (getattr(args, k, None) for k in ("region", "era", "on", "party"))
    if region is None and era is None and on is None and party is None:
        return treaties
    from sahel_sim.analysis.catalogue import select
    from sahel_sim.errors import UnknownEntityError, suggest
    from sahel_sim.library import library_world

    world = library_world()
    if region is not None:
        regions = sorted({r for t in treaties for r in t.regions})
        if region not in regions:
            hint = suggest(region, regions) or "regions in the library: " + ", ".join(regions)
            raise UnknownEntityError(f"--region {region}: no treaty covers it; {hint}")
    if party is not None and party not in world.actor_ids():
        labels = {a.id: a.name for a in world.actors}
        hint = suggest(party, labels, labels=labels) or "give an actor id such as POL or GBR"
        raise UnknownEntityError(f"--party {party}: no such actor; {hint}")
    return select(treaties, world.memberships, region=region, era=era, on=on, party=party)


def _coverage(treaties: list[Treaty], fmt: str) -> None:
    """The coverage report: a row per treaty."""
    from sahel_sim.analysis.catalogue import coverage
    from sahel_sim.report.treaties import COVERAGE_HEADER, coverage_row

    rows = [coverage(t) for t in treaties]
    if fmt == "json":
        import json

        emit(json.dumps([r.to_dict() for r in rows], indent=2, ensure_ascii=False), out=None, force=False)
    elif fmt == "markdown":
        from sahel_sim.report.markdown import table

        lines = ["# Coverage of the treaty library", "", *table(COVERAGE_HEADER, [coverage_row(r) for r in rows])]
        emit("\n".join(lines), out=None, force=False)
    else:
        from sahel_sim.report.tables import make_console, print_table

        print_table(make_console(narrow=True), "Coverage of the treaty library", COVERAGE_HEADER,
                    [coverage_row(r, reasons=False) for r in rows])


def _list(treaties: list[Treaty], fmt: str) -> None:
    from sahel_sim.report.treaties import LIST_HEADER, list_row

    if fmt == "json":
        import json

        emit(json.dumps([t.model_dump(mode="json") for t in treaties], indent=2, ensure_ascii=False),
             out=None, force=False)
    elif fmt == "markdown":
        from sahel_sim.report.markdown import render_treaties

        emit(render_treaties(treaties), out=None, force=False)
    else:
        from sahel_sim.report.tables import make_console, print_table

        print_table(make_console(narrow=True), "Treaties", LIST_HEADER, [list_row(t) for t in treaties])


def _show(treaty: Treaty, fmt: str) -> None:
    if fmt == "json":
        import json

        emit(json.dumps(treaty.model_dump(mode="json"), indent=2, ensure_ascii=False), out=None, force=False)
    elif fmt == "markdown":
        from sahel_sim.report.markdown import render_treaty

        emit(render_treaty(treaty), out=None, force=False)
    else:
        from sahel_sim.report.tables import make_console, print_treaty

        print_treaty(make_console(narrow=True), treaty)


def _atop(treaties: list[Treaty], fmt: str, *, single: bool) -> None:
    """The ATOP-style summary: one treaty in detail, or a row per treaty."""
    from sahel_sim.report.atop import APPROXIMATION, SUMMARY_HEADER, atop_fields, summarise, summary_row

    summaries = [summarise(t) for t in treaties]
    if fmt == "json":
        import json

        doc = summaries[0].to_dict() if single else [x.to_dict() for x in summaries]
        emit(json.dumps(doc, indent=2, ensure_ascii=False), out=None, force=False)
    elif fmt == "markdown":
        from sahel_sim.report.markdown import table

        if single:
            x = summaries[0]
            lines = [f"# ATOP-style summary: {x.name} (`{x.treaty}`)", "", *table(("field", "value"), atop_fields(x))]
        else:
            lines = ["# ATOP-style summary", "", APPROXIMATION, "", *table(SUMMARY_HEADER, [summary_row(x) for x in summaries])]
        emit("\n".join(lines), out=None, force=False)
    else:
        from sahel_sim.report.tables import make_console, print_fields, print_table

        console = make_console(narrow=True)
        if single:
            x = summaries[0]
            print_fields(console, f"ATOP-style summary: {x.name} ({x.treaty})", atop_fields(x))
            return
        print_table(console, "ATOP-style summary (an approximation, for comparison by eye)", SUMMARY_HEADER,
                    [summary_row(x) for x in summaries])
