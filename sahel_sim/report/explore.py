"""``sahel_sim.explore(scenario)``: a small Jupyter explorer of one scenario (ipywidgets).

A date slider (the events as written, or every event moved to a month's
first day), a reading selector and a party focus; each change reruns the
scenario and redraws the answer (the same text as ``sahel-sim run``, the
focused party first) and, when matplotlib is there, the picture.

The choices and the answer are plain functions (:func:`choices`,
:func:`answer_text`), so they are tested without a kernel; :func:`explore`
only wires them to widgets.  ipywidgets comes with the ``notebook`` extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["AS_WRITTEN", "Choices", "Explorer", "answer_text", "choices", "explore"]

#: The slider's first stop: the events on their own dates.
AS_WRITTEN = "as written"


@dataclass(frozen=True)
class Choices:
    """What the explorer offers for one scenario."""

    dates: tuple[tuple[str, date | None], ...]  # (label, day); None = the events' own dates
    readings: tuple[str, ...]
    default_reading: str
    parties: tuple[tuple[str, str], ...]  # (label, id); "" = no focus


def choices(scenario: Any, *, months_around: int = 12) -> Choices:
    """The explorer's stops: the events' dates, and the first of each month from a year before to a year after.

    Readings are the world's perspectives; parties are the actors the events
    name (actors, targets, supporters), then every other state, each group
    sorted by id.
    """
    from sahel_sim.engine.run import DEFAULT_PERSPECTIVE

    days = sorted({e.date for e in scenario.events})
    stops: set[date] = set(days)
    if days:  # month numbers counted from year 0, so the range is one loop
        start = days[0].year * 12 + days[0].month - 1 - months_around
        end = days[-1].year * 12 + days[-1].month - 1 + months_around
        stops.update(date(n // 12, n % 12 + 1, 1) for n in range(start, end + 1))
    dates = ((AS_WRITTEN, None), *((d.isoformat(), d) for d in sorted(stops)))
    readings = tuple(p.id for p in scenario.world.perspectives)
    named = {who for e in scenario.events for who in (*e.actors, e.target, *e.external_support)
             if isinstance(who, str)}
    names = {a.id: a.name for a in scenario.world.actors}
    states = sorted(a.id for a in scenario.world.actors if str(getattr(a.kind, "value", a.kind)) == "state")
    order = [i for i in sorted(named) if i in names] + [i for i in states if i not in named]
    parties = (("(no focus)", ""), *((f"{i} ({names[i]})", i) for i in order))
    default = scenario.spec.perspective or DEFAULT_PERSPECTIVE
    return Choices(dates=dates, readings=readings, default_reading=default, parties=parties)


def answer_text(scenario: Any, day: date | None, reading: str, party: str = "", *, width: int = 100) -> str:
    """The answer as ``sahel-sim run`` prints it, for that date, reading and focused party."""
    from sahel_sim.api import simulate
    from sahel_sim.report.tables import render_results

    parties = [party] if party else []
    result = simulate(scenario, perspective=reading, as_of=day, parties=parties)
    return render_results([result], parties=parties, as_of=day, width=width)


class Explorer:
    """The widgets and the redraw: ``Explorer(scenario).widget`` is what a notebook shows."""

    def __init__(self, scenario: Any, *, picture: bool = True) -> None:
        try:
            import ipywidgets as w
        except ImportError:
            from sahel_sim.errors import SahelSimError

            raise SahelSimError("the explorer needs ipywidgets: pip install 'sahel-sim[notebook]'") from None
        self.scenario = scenario
        self.choices = choices(scenario)
        self.day = w.SelectionSlider(options=list(self.choices.dates), index=0, description="date",
                                     continuous_update=False, layout=w.Layout(width="95%"))
        self.reading = w.Dropdown(options=list(self.choices.readings), value=self.choices.default_reading,
                                  description="reading")
        self.party = w.Dropdown(options=list(self.choices.parties), value="", description="focus")
        self.answer = w.HTML()
        self.picture = w.Image(format="png") if picture else None
        for control in (self.day, self.reading, self.party):
            control.observe(self.redraw, names="value")
        shown = [self.answer] + ([self.picture] if self.picture is not None else [])
        self.widget = w.VBox([w.HBox([self.reading, self.party]), self.day, *shown])
        self.redraw()

    def redraw(self, _change: Any = None) -> None:
        """Rerun with the current choices and replace the answer (and the picture)."""
        import html

        from sahel_sim.errors import SahelSimError

        try:
            text = answer_text(self.scenario, self.day.value, self.reading.value, self.party.value)
        except SahelSimError as exc:
            text = f"error: {exc}"
        self.answer.value = f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"
        if self.picture is not None:
            self.picture.value = self._png()

    def _png(self) -> bytes:
        import io

        from sahel_sim.api import simulate
        from sahel_sim.report.plots import draw_world, pyplot

        plt = pyplot()
        result = simulate(self.scenario, perspective=self.reading.value, as_of=self.day.value)
        ax = draw_world(result, self.day.value, scenario=self.scenario)
        buf = io.BytesIO()
        ax.figure.savefig(buf, format="png", dpi=80, bbox_inches="tight")
        plt.close(ax.figure)
        return buf.getvalue()


def explore(scenario: Any, *, picture: bool = True) -> Any:
    """The explorer of a scenario (a :class:`Scenario`, a what-if copy, or a path), as a widget to display."""
    if not hasattr(scenario, "events"):
        from sahel_sim.scenario.load import load_scenario

        scenario = load_scenario(scenario)
    return Explorer(scenario, picture=picture).widget
