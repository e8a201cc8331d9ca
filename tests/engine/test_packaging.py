"""An installed newsview holds every module the source tree has.

setuptools is told each package by name (the design card's folders are mapped
into ``newsview.*``, which rules out automatic discovery), so a new package
folder that is not added to pyproject.toml would work in an editable install
and be missing from a wheel.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _declared() -> tuple[set[str], dict[str, str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    return set(config["packages"]), config.get("package-dir", {})


def test_every_package_folder_is_declared():
    packages, package_dir = _declared()
    roots = {"newsview": REPO / "newsview"} | {name: REPO / folder for name, folder in package_dir.items()}
    found = set()
    for root_name, root in roots.items():
        for init in root.rglob("__init__.py"):
            relative = init.parent.relative_to(root).parts
            found.add(".".join((root_name, *relative)))
    assert found - packages == set(), "package folders missing from [tool.setuptools] packages"
    assert packages - found == set(), "declared packages with no folder"


def test_every_engine_module_is_held_to_the_engine_import_contract():
    """A new engine module is checked too: the contract lists its modules by name."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c["name"].startswith("The engine never imports")
    )
    listed = set(contract["source_modules"])
    engine = {
        "newsview." + (path.stem if path.is_file() else path.name)
        for path in (REPO / "newsview").iterdir()
        if (path.suffix == ".py" or (path / "__init__.py").is_file()) and path.name not in ("__init__.py", "__main__.py")
    }
    # the command line is the one engine module allowed to start the app
    assert engine - {"newsview.cli"} - listed == set()
