"""Views of plain results, registered by the layer that draws them.

Findings and scenarios are pure data and import nothing from the report.
Their conveniences for notebooks (``SimulationResult.to_dataframe``,
``_repr_html_``) ask this registry for the renderer by name; the package
itself (``sahel_sim/__init__``, the top of the house) registers the report's
renderers, importing them only when first used.  So the imports run one way
and ``import sahel_sim`` stays cheap.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at start-up: `sahel-sim --help` stays fast
if TYPE_CHECKING:
    from typing import Any, Callable

__all__ = ["register", "render"]

_VIEWS: dict[str, Callable[..., Any]] = {}


def register(name: str, renderer: Callable[..., Any]) -> None:
    """Make ``renderer`` the view called ``name`` (``frame``, ``result_html``, ``scenario_html``)."""
    _VIEWS[name] = renderer


def render(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the view called ``name``.

    Examples:
        >>> render("no-such-view")
        Traceback (most recent call last):
        ...
        LookupError: no view called 'no-such-view' is registered (known: frame, result_html, scenario_html, sweep_frame)
    """
    renderer = _VIEWS.get(name)
    if renderer is None:
        raise LookupError(f"no view called {name!r} is registered (known: {', '.join(sorted(_VIEWS)) or 'none'})")
    return renderer(*args, **kwargs)
