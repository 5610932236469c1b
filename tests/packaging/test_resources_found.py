"""The top-level resources/ folder is found from a checkout, an editable install and a wheel.

Each case runs the same probe in a fresh interpreter: it asks `paths.resources_dir()` where the
resources are, and the i18n and library code whether they find the Finnish catalogue and the
built-in library through it. The frozen app is checked in test_frozen_build.py.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from importlib.metadata import distribution
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src"
RESOURCES = ROOT / "resources"

# The interpreter runs with -S (no site, so no editable-install hook): it is given this venv's
# site-packages for the dependencies, after the folder under test.
PROBE = """
import gettext, json, sys
sys.path[:0] = {front!r}
sys.path += {back!r}
import pierglass_desktop
from pierglass_desktop.i18n.core import localedir
from pierglass_desktop.paths import resources_dir
from pierglass_desktop.services.builtin_methods import builtin_resource
found = resources_dir()
print(json.dumps({{
    "package": pierglass_desktop.__file__,
    "resources": str(found),
    "files": sorted(p.relative_to(found).as_posix() for p in found.rglob("*") if p.is_file()),
    "finnish": gettext.find("pierglass", localedir(), ["fi"]),
    "methods": len(builtin_resource()["methods"]),
}}))
"""


def _shipped_files() -> list[str]:
    """What the repository keeps in resources/ (tracked files only)."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "resources"], cwd=ROOT, capture_output=True, check=True
    )
    return sorted(
        Path(name).relative_to("resources").as_posix()
        for name in listing.stdout.decode().split("\0")
        if name
    )


def _probe(front: list[str], *, isolated: bool = True, cwd: Path) -> dict:
    flags = ["-S"] if isolated else []
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, *flags, "-c", PROBE.format(front=front, back=site.getsitepackages())],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _assert_complete(probe: dict, package_dir: Path, resources: Path) -> None:
    assert Path(probe["package"]).parent == package_dir
    assert Path(probe["resources"]) == resources
    assert probe["files"] == _shipped_files()
    assert probe["finnish"] is not None
    assert Path(probe["finnish"]).is_relative_to(resources)
    assert probe["methods"] > 0


def test_resources_live_once_at_the_top_level():
    """No second copy inside the package: the lookup would pick it and hide the real one."""
    assert not (SOURCE / "pierglass_desktop" / "resources").exists()
    files = _shipped_files()
    assert "translations/fi/LC_MESSAGES/pierglass.mo" in files
    assert {"fonts/DejaVuSans.ttf", "library/methods.json", "icons/pierglass.svg"} <= set(files)


def test_developer_runs_from_a_plain_checkout(tmp_path):
    probe = _probe([str(SOURCE)], cwd=tmp_path)
    _assert_complete(probe, SOURCE / "pierglass_desktop", RESOURCES)


def test_developer_runs_from_an_editable_install(tmp_path):
    direct_url = distribution("pierglass-desktop").read_text("direct_url.json") or "{}"
    if not json.loads(direct_url).get("dir_info", {}).get("editable"):
        pytest.skip("the package is not installed in editable mode here")
    probe = _probe([], isolated=False, cwd=tmp_path)  # site on: the editable hook finds it
    _assert_complete(probe, SOURCE / "pierglass_desktop", RESOURCES)


@pytest.mark.slow
def test_wheel_carries_the_resources_inside_the_package(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = tmp_path.glob("pierglass_desktop-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
        licences = {n for n in archive.namelist() if "/licenses/" in n}
    assert any(n.endswith("licenses/resources/fonts/LICENSE-DejaVu.txt") for n in licences)
    probe = _probe([str(installed)], cwd=tmp_path)
    package = installed / "pierglass_desktop"
    _assert_complete(probe, package, package / "resources")
