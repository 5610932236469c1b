"""Adds the top-level resources/ folder to the packages that pyproject.toml's settings build.

pyproject.toml maps `pierglass_desktop.resources` to `resources/` (package-dir) but cannot list
found packages and one more; this file does, so a new subpackage under src/ needs no edit here.
Everything else about the build is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages("src"), "pierglass_desktop.resources"])
