"""The notebooks run from top to bottom, offline, and are stored without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
OTHERS = [p for p in NOTEBOOKS if p.name != "partnerships.ipynb"]  # that one has its own test, below


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip the outputs"


def _executed(path: Path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return notebook


def _printed(notebook, tag: str) -> str:
    """What the code cell tagged ``tag`` printed."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"one cell tagged {tag!r}"
    return "".join(o.text for o in cells[0].outputs if o.output_type == "stream")


@pytest.mark.slow
@pytest.mark.parametrize("path", OTHERS, ids=[p.name for p in OTHERS])
def test_notebook_runs(path):
    _executed(path)


@pytest.mark.slow
def test_the_partnerships_notebook_finds_blocs_brokers_and_the_launch_market():
    notebook = _executed(ROOT / "notebooks" / "partnerships.ipynb")
    blocs = _printed(notebook, "blocs")
    assert "Bloc 2 (" in blocs and "modularity" in blocs
    brokers = _printed(notebook, "brokers")
    assert "United States" in brokers and "brokerage" in brokers
    table = _printed(notebook, "launch-market-table").splitlines()
    rows = [line for line in table[2:] if line.strip() and line.split()[-1].isdigit()]
    assert len(rows) >= 5 and any(line.startswith("United States") for line in rows), table
    layer = _printed(notebook, "launch-services")
    assert int(layer.split(":")[1].split()[0].replace(",", "")) >= 3500, layer
    assert "UK" in _printed(notebook, "dependence") and "customers flew" in _printed(notebook, "russian-customers")
    pictures = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})
    ]
    assert len(pictures) == 4


def test_the_research_notebook_uses_only_the_public_api():
    notebook = nbformat.read(ROOT / "notebooks" / "research-questions.ipynb", as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "import spacecoop" in code
    assert "from spacecoop" not in code and "spacecoop." not in code.replace("spacecoop.load", "").replace(
        "spacecoop.query", ""
    ).replace("spacecoop.queries", "").replace("spacecoop.partnerships", "").replace(
        "spacecoop.communities", ""
    ).replace("spacecoop.brokers", "")
