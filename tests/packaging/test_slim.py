"""What the frozen app leaves out on Linux (packaging/slim.py), on made-up binaries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
slim = pytest.importorskip("slim")

PLUGINS = "PySide6/Qt/plugins"
# What each made-up binary names as NEEDED.
LINKS = {
    "/src/libqgtk3.so": ["libcairo.so.2", "libQt6Gui.so.6", "libglib-2.0.so.0"],
    "/src/libcairo.so.2": ["libpixman-1.so.0", "libpng16.so.16"],
    "/src/libpixman-1.so.0": [],
    "/src/libpng16.so.16": [],
    "/src/libQt6Gui.so.6": ["libpng16.so.16", "libglib-2.0.so.0"],
    "/src/libglib-2.0.so.0": ["libpcre2-8.so.0"],
    "/src/libpcre2-8.so.0": [],
    "/src/libqxcb.so": ["libQt6Gui.so.6"],
    "/src/_ssl.so": [],
}
BINARIES = [
    (f"{PLUGINS}/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
    ("libpixman-1.so.0", "/src/libpixman-1.so.0", "BINARY"),
    ("libpng16.so.16", "/src/libpng16.so.16", "BINARY"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    ("libglib-2.0.so.0", "/src/libglib-2.0.so.0", "BINARY"),
    ("libpcre2-8.so.0", "/src/libpcre2-8.so.0", "BINARY"),
    (f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    ("python3.11/lib-dynload/_ssl.so", "/src/_ssl.so", "EXTENSION"),
]


def kept(binaries=BINARIES) -> set[str]:
    return {dest for dest, _source, _kind in slim.slimmed(binaries, LINKS.__getitem__)}


def test_a_plugin_left_out_takes_the_libraries_only_it_needed_along():
    left = kept()
    assert f"{PLUGINS}/platformthemes/libqgtk3.so" not in left
    assert "libcairo.so.2" not in left and "libpixman-1.so.0" not in left
    # Qt needs PNG too: it stays, and so does what nothing but kept binaries need.
    assert {"libpng16.so.16", "PySide6/Qt/lib/libQt6Gui.so.6"} <= left
    assert "python3.11/lib-dynload/_ssl.so" in left  # a root that nothing names stays


def test_a_library_the_system_provides_goes_with_what_only_it_needed():
    left = kept()
    assert "libglib-2.0.so.0" not in left  # from the system, which brings its own PCRE
    assert "libpcre2-8.so.0" not in left


def test_without_anything_to_leave_out_everything_stays():
    wanted = [e for e in BINARIES if "gtk3" not in e[0] and "glib" not in e[0]]
    assert kept(wanted) == {dest for dest, _source, _kind in wanted}


@pytest.mark.parametrize(
    ("destination", "left_out"),
    [
        (f"{PLUGINS}/platforms/libqeglfs.so", True),
        (f"{PLUGINS}/platforms/libqvnc.so", True),
        (f"{PLUGINS}/generic/libqevdevmouseplugin.so", True),
        (f"{PLUGINS}/imageformats/libqjpeg.so", True),
        (f"{PLUGINS}/imageformats/libqsvg.so", False),  # the icons
        (f"{PLUGINS}/platforms/libqxcb.so", False),
        (f"{PLUGINS}/platforms/libqwayland.so", False),
        (f"{PLUGINS}/platforminputcontexts/libcomposeplatforminputcontextplugin.so", False),
        ("libfontconfig.so.1", True),
        ("libstdc++.so.6", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
        ("libdbus-1.so.3", False),
    ],
)
def test_what_is_left_out_by_name(destination, left_out):
    assert slim.unwanted(destination) is left_out


def test_links_to_libraries_left_out_go_too():
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/core", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("base_library.zip", "/build/base_library.zip", "DATA"),
    ]
    assert [d for d, _s, _k in slim.links_kept(datas, binaries)] == [
        "libQt6Core.so.6",
        "base_library.zip",
    ]
