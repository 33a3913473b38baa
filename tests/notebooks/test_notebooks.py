"""Every notebook in ``notebooks/`` runs top to bottom, and is committed without outputs.

The notebooks are executed with nbclient on a Python kernel of *this*
interpreter (a temporary kernelspec, so a stray user kernel named
``python3`` cannot be picked instead), from a working directory that is
neither ``notebooks/`` nor the repository root: they name the shipped
scenarios through ``sahel_sim.examples``, never by a relative path, so
they run from wherever a reader starts Jupyter.  Any cell that raises
fails the test with the cell's traceback.  Deselect with ``-m "not notebooks"`` when iterating locally.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 600  # a guard against a hung kernel, not a speed check


def require(module: str):
    """Import an optional extra: missing is a failure on CI, a skip elsewhere."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)


def test_the_notebooks_are_there() -> None:
    names = {p.stem for p in NOTEBOOKS}
    assert {"01-niger-crisis-2023", "02-what-ifs", "03-your-own-treaty", "04-timeline-coup-to-ecowas-exit"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    """Outputs are stripped before committing, so diffs show only what was written."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(doc["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: cell {i} has outputs; clear them before committing"
            assert cell.get("execution_count") is None, f"{path.name}: cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_names_shipped_scenarios_through_examples_not_by_path(path: Path) -> None:
    """A path relative to the kernel's folder breaks when Jupyter is started elsewhere (the old ``../scenarios/``)."""
    import re

    from sahel_sim import examples

    text = path.read_text(encoding="utf-8")
    assert "scenarios/" not in text and ".yaml" not in text
    for name in re.findall(r'examples\.(?:path|load)\(\\"([^"\\]+)\\"\)', text):
        assert examples.path(name).is_file(), name


@pytest.fixture(scope="module")
def kernel_specs(tmp_path_factory: pytest.TempPathFactory):
    """A kernelspec manager that knows one kernel, ``python3``: this interpreter with ipykernel."""
    require("ipykernel")
    from jupyter_client.kernelspec import KernelSpecManager

    root = tmp_path_factory.mktemp("kernels")
    spec = root / "python3"
    spec.mkdir()
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (sahel-sim tests)",
        "language": "python",
    }), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(root)], ensure_native_kernel=False)


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path: Path, kernel_specs, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYPOTHESIS_STORAGE_DIRECTORY", str(tmp_path / ".hypothesis"))  # not in notebooks/
    nbformat = require("nbformat")
    nbclient = require("nbclient")
    from jupyter_client.manager import KernelManager

    book = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=kernel_specs)
    client = nbclient.NotebookClient(book, km=km, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})  # any folder
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on any error
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
