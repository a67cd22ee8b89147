"""The wheel's build step: besides the package, it carries the ontology, the queries, the curated graph,
the sources the graph cites and a built copy of the graph, under ``spacecoop/resources/``
(:mod:`spacecoop.io.paths` reads them there when the package runs outside a checkout).

Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCE_FOLDERS = ("ontology", "queries", "graph", "data/sources")  # as spacecoop.io.paths.RESOURCE_FOLDERS
UNPACKAGED_FORMATS = ("ttl", "jsonld", "trig")


class BuildWithResources(build_py):
    """Copy the resource folders into the package and build the graph into ``resources/dist``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout itself
            return
        resources = Path(self.build_lib) / "spacecoop" / "resources"
        for folder in RESOURCE_FOLDERS:
            shutil.copytree(ROOT / folder, resources / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        # pip's isolated build environment reaches its packages through PYTHONPATH: keep it, the sources first
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        done = subprocess.run([sys.executable, "-m", "spacecoop", "-q", "build", "--out", str(resources / "dist")],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"building the graph for the wheel failed:\n{done.stdout}\n{done.stderr}")
        for extension in UNPACKAGED_FORMATS:  # commands read the N-Triples; the others only make the wheel heavy
            (resources / "dist" / f"spacecoop.{extension}").unlink(missing_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
