"""Real storage faults for tests: a full disk (a tiny tmpfs) and a read-only medium (a bind mount).

Both need root, as the tests have here and in CI; where mounting is not permitted the test
skips with the reason. Every mount is undone by a finalizer, also when the test fails.
"""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest


def _mount(request, *args: str, target: Path) -> None:
    try:
        result = subprocess.run(
            ["mount", *args], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot mount here: {error}")
    if result.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {result.stderr.strip()}")
    request.addfinalizer(lambda: _unmount(target))


def _unmount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False, timeout=30)


def small_disk(request, folder: Path, size: str = "2m") -> Path:
    """``folder`` becomes a filesystem of ``size``: fill it with ``fill_disk`` to make it full."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount(request, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder), target=folder)
    return folder


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the disk refuses; delete it to free the space again."""
    filler = folder / "filler.bin"
    block = b"\0" * 4096
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(block)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
    with open(folder / "filler-tail.bin", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0")
        except OSError:
            pass
    return filler


def free_disk(folder: Path) -> None:
    for name in ("filler.bin", "filler-tail.bin"):
        (folder / name).unlink(missing_ok=True)


def read_only_view(request, source: Path, target: Path) -> Path:
    """``target`` shows ``source`` (a folder or a file) read-only, like a locked USB stick."""
    if source.is_dir():
        target.mkdir(parents=True, exist_ok=True)
    else:
        target.touch()
    _mount(request, "--bind", str(source), str(target), target=target)
    result = subprocess.run(
        ["mount", "-o", "remount,ro,bind", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    if result.returncode != 0:
        pytest.skip(f"a read-only bind mount is not permitted here: {result.stderr.strip()}")
    return target
