"""The build step pyproject.toml cannot declare: the example scenarios ship in the wheel.

``scenarios/`` lives beside the package (README, the notebooks and the tests
name its files by path), so a plain ``pip install .`` would leave it out.
The wheel's build copies every YAML file under it, folders kept (a scenario's
``world:`` files are relative to it), to ``sahel_sim/example_scenarios/``,
where :mod:`sahel_sim.examples` finds them.  Everything else is in
pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent
EXAMPLES = "example_scenarios"


def copy_examples(source: Path, package_dir: Path) -> list[Path]:
    """Copy every ``*.yaml`` under ``source`` to ``package_dir/example_scenarios``, keeping sub-folders."""
    out = []
    for path in sorted(source.rglob("*.yaml")):
        if path.is_file() and not path.is_symlink():
            target = package_dir / EXAMPLES / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            out.append(target)
    return out


if __name__ == "__main__":  # the build backend runs this file; tests import copy_examples without setuptools
    from setuptools import setup
    from setuptools.command.build_py import build_py

    class BuildWithExamples(build_py):
        """``build_py``, then the example scenarios into the built package (an editable install reads them in
        place)."""

        def run(self) -> None:
            super().run()
            if not getattr(self, "editable_mode", False):
                copy_examples(ROOT / "scenarios", Path(self.build_lib) / "sahel_sim")

    setup(cmdclass={"build_py": BuildWithExamples})
