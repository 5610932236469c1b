"""Adds the top-level resources/ folder to the packages that pyproject.toml's settings build.

pyproject.toml maps `pierglass_desktop.resources` to `resources/` (package-dir) but cannot list
found packages and more; this file does, so a new subpackage under src/ needs no edit here.
The folders inside resources/ are listed too, as data-only packages, so setuptools does not
warn that it would leave them out. Everything else about the build is in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = "pierglass_desktop.resources"

setup(
    packages=[
        *find_packages("src"),
        RESOURCES,
        *(f"{RESOURCES}.{name}" for name in find_namespace_packages("resources")),
    ]
)
