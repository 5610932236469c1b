"""The binaries the frozen app leaves out on Linux, and the libraries that go with them.

The spec (pierglass.spec) hands PyInstaller's binaries to ``slimmed``. Two kinds go:

- **Qt plugins for what the app never does**: embedded screens without a desktop (EGLFS,
  LinuxFB, VNC, Vulkan displays), raw input devices, image formats it never reads, and the
  GTK 3 theme. The theme drags in a part of GTK's stack (cairo, pango, GIO: 8 MB) that does
  not even hold GTK itself, so it loads the system's GTK against our copies of its
  libraries, which is how frozen Qt apps crash on a newer desktop.
- **Libraries every Linux desktop has and must take from the system**: the ones the AppImage
  project's exclude list names because a bundled copy breaks against the system's own
  (fontconfig and FreeType read the system's configuration, X11 talks to its server, a GPU
  driver loads the system's libstdc++), and which this app would otherwise carry.

A library collected only for binaries that went goes too.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# (folder, file name prefix) of Qt plugins under PySide6/Qt/plugins
UNUSED_QT_PLUGINS = (
    ("egldeviceintegrations", ""),
    ("generic", ""),
    ("platforms", "libqeglfs"),
    ("platforms", "libqlinuxfb"),
    ("platforms", "libqminimalegl"),
    ("platforms", "libqvkkhrdisplay"),
    ("platforms", "libqvnc"),
    ("platformthemes", "libqgtk3"),
    # PNG is built into Qt; icons are SVG (kept). Nothing the app opens is in these.
    *(
        ("imageformats", f"libq{name}")
        for name in ("gif", "icns", "ico", "jpeg", "tga", "tiff", "wbmp", "webp")
    ),
)

FROM_THE_SYSTEM = frozenset(
    {
        "libX11.so.6",
        "libxcb.so.1",
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libharfbuzz.so.0",
        "libexpat.so.1",
        "libz.so.1",
        "libglib-2.0.so.0",
        "libgobject-2.0.so.0",
        "libgio-2.0.so.0",
        "libgpg-error.so.0",
        "libcom_err.so.2",
        "libuuid.so.1",
        "libgcc_s.so.1",
        "libstdc++.so.6",
    }
)

Entry = tuple[str, str, str]  # (path in the app, source, PyInstaller's kind)


def unwanted(destination: str) -> bool:
    """Whether the binary at ``destination`` (a path inside the app) is left out."""
    path = PurePosixPath(destination.replace("\\", "/"))
    if path.name in FROM_THE_SYSTEM:
        return True
    if "plugins" in path.parts:
        folder = path.parent.name
        return any(folder == f and path.name.startswith(p) for f, p in UNUSED_QT_PLUGINS)
    return False


def slimmed(
    binaries: Iterable[Entry],
    needs: Callable[[str], Iterable[str]],
    leave_out: Callable[[str], bool] = unwanted,
) -> list[Entry]:
    """``binaries`` without those ``leave_out`` names and every library needed only by them.

    ``needs(source)`` gives the file names of the libraries a binary names itself (ELF's
    NEEDED), so one needed only through a library left out goes too."""
    entries = list(binaries)
    by_name = {PurePosixPath(dest).name: dest for dest, _source, _kind in entries}
    users: dict[str, set[str]] = defaultdict(set)
    for dest, source, _kind in entries:
        for name in needs(source):
            needed = by_name.get(name)
            if needed is not None and needed != dest:
                users[needed].add(dest)
    gone = {dest for dest, _source, _kind in entries if leave_out(dest)}
    while True:
        orphans = {
            dest
            for dest, _source, _kind in entries
            if dest not in gone and users[dest] and users[dest] <= gone
        }
        if not orphans:
            return [entry for entry in entries if entry[0] not in gone]
        gone |= orphans


def links_kept(datas: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """``datas`` without the symbolic links (PyInstaller's beside ``_internal``'s top, for
    libraries in subfolders) to binaries that were left out."""
    kept = {PurePosixPath(dest) for dest, _source, _kind in binaries}

    def dangling(dest: str, target: str) -> bool:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(dest), target))
        return PurePosixPath(resolved) not in kept

    return [
        (dest, source, kind)
        for dest, source, kind in datas
        if kind != "SYMLINK" or not dangling(dest, source)
    ]


def linked_libraries(source: str) -> list[str]:
    """The file names the ELF binary at ``source`` names as NEEDED (binutils' readelf, which
    PyInstaller's own strip comes with)."""
    import re
    import subprocess

    listing = subprocess.run(
        ["readelf", "--dynamic", "--wide", source], capture_output=True, text=True, check=False
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", listing)
