"""Build the frozen one-folder app with PyInstaller.

    python packaging/build.py [--dist DIR] [--work DIR] [--clean]

The app lands in DIR/pierglass/ (run DIR/pierglass/pierglass); a Linux desktop entry and icons
are laid out under DIR/pierglass/share/ for installing with the usual XDG paths.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "pierglass.spec"
APP_NAME = "pierglass"


def build(dist: Path, work: Path, *, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the app folder."""
    import PyInstaller.__main__

    arguments = [str(SPEC), "--noconfirm", "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        arguments.append("--clean")
    PyInstaller.__main__.run(arguments)
    app = dist / APP_NAME
    add_desktop_files(app)
    return app


def add_desktop_files(app: Path) -> None:
    """share/applications/*.desktop and share/icons/hicolor/*/apps/pierglass-desktop.png."""
    applications = app / "share" / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / "linux" / "pierglass-desktop.desktop", applications)
    icons = ROOT / "resources" / "icons"
    sizes = {f"{n}x{n}": icons / f"pierglass-{n}.png" for n in (16, 32, 48, 64, 128)}
    sizes["256x256"] = icons / "pierglass.png"
    for size, source in sizes.items():
        target = app / "share" / "icons" / "hicolor" / size / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / "pierglass-desktop.png")
    scalable = app / "share" / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / "pierglass.svg", scalable / "pierglass-desktop.svg")


def folder_size(folder: Path) -> int:
    """Bytes on disk, counting each symlinked library once."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the frozen Pier-glass Desktop app.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    args = parser.parse_args(argv)
    started = time.monotonic()
    app = build(args.dist.resolve(), args.work.resolve(), clean=args.clean)
    seconds = time.monotonic() - started
    size = folder_size(app) / 2**20
    print(f"Built {app / APP_NAME} in {seconds:.0f} s ({size:.0f} MiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
