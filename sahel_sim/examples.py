"""The shipped example scenarios, reachable from any working folder.

A notebook or a script names a scenario by its name, not by a path relative
to wherever it was started::

    >>> from sahel_sim import examples
    >>> examples.path("ecowas-intervention-niger-2023-10").name
    'ecowas-intervention-niger-2023-10.yaml'
    >>> "suez-1956" in examples.names()
    True

The scenarios live in the ``scenarios/`` folder of the source tree, beside
the package (an editable install, or a checkout on ``sys.path``); a wheel
(``pip install sahel-sim`` or ``pip install .``) carries a copy inside the
package, ``sahel_sim/example_scenarios/`` (see ``setup.py``), which is read
first; ``SAHEL_SIM_SCENARIOS`` names another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from sahel_sim.scenario.load import Scenario

__all__ = ["ENVIRONMENT", "INSTALLED", "SOURCE", "folder", "load", "names", "path"]

#: The environment variable that names the folder of example scenarios.
ENVIRONMENT = "SAHEL_SIM_SCENARIOS"
#: Where a wheel installs its copy of the scenarios, and where a source tree keeps them.
INSTALLED = Path(__file__).resolve().parent / "example_scenarios"
SOURCE = Path(__file__).resolve().parents[1] / "scenarios"


def folder() -> Path:
    """The folder of example scenarios.

    Raises:
        UnknownEntityError: neither ``SAHEL_SIM_SCENARIOS`` nor the source tree gives one.
    """
    from sahel_sim.errors import UnknownEntityError

    named = os.environ.get(ENVIRONMENT)
    if named:
        if Path(named).is_dir():
            return Path(named)
        raise UnknownEntityError(f"{ENVIRONMENT}={named} is not a folder; name the folder of the example scenarios")
    for where in (INSTALLED, SOURCE):  # the wheel's copy first: a folder named scenarios may sit anywhere
        if where.is_dir():
            return where
    raise UnknownEntityError(f"the example scenarios are not installed with this copy (neither {INSTALLED} nor "
                             f"{SOURCE}); reinstall it (pip install sahel-sim), or set {ENVIRONMENT} to their folder")


def names() -> list[str]:
    """The example scenarios' names (file names without ``.yaml``), sorted."""
    return sorted(p.stem for p in folder().glob("*.yaml") if p.is_file())


def path(name: str) -> Path:
    """The file of the example scenario ``name`` (``.yaml`` may be given or not).

    Raises:
        UnknownEntityError: no such example; the message suggests near misses.

    Examples:
        >>> path("suez-1965")
        Traceback (most recent call last):
        ...
        sahel_sim.errors.UnknownEntityError: no example scenario 'suez-1965'; did you mean suez-1956?
    """
    from sahel_sim.errors import UnknownEntityError, suggest

    stem = name[:-5] if name.endswith(".yaml") else name
    known = names()
    if stem in known:
        return folder() / f"{stem}.yaml"
    hint = suggest(stem, known) or "sahel_sim.examples.names() lists them"
    raise UnknownEntityError(f"no example scenario '{name}'; {hint}")


def load(name: str) -> Scenario:
    """The example scenario ``name``, loaded (as :func:`sahel_sim.load_scenario` loads a file)."""
    from sahel_sim.scenario.load import load_scenario

    return load_scenario(path(name))
