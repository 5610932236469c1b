"""Which spreadsheet program saved a workbook last, when a person opened and saved it on the way.

A workbook's ``docProps/app.xml`` names the application that wrote it. Excel and LibreOffice
Calc each put their own name there when they save; the writer behind every Pier-glass file,
openpyxl, puts its own. The import preview tells the coordinator when a file went through a
spreadsheet program, and that it still imports as exported.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import unescape

APP_PROPERTIES = "docProps/app.xml"
# What openpyxl writes, here and in every version of this program: no person's spreadsheet.
WRITTEN_BY_A_PROGRAM = ("Microsoft Excel Compatible / Openpyxl",)
LARGEST = 64 * 1024  # the part is a few hundred bytes; a bigger one is not worth reading
_APPLICATION = re.compile(rb"<(?:\w+:)?Application>([^<]{1,200})</(?:\w+:)?Application>")
_FAMILIES = {"libreoffice": "LibreOffice Calc", "microsoft excel": "Microsoft Excel"}


def spreadsheet_that_saved(path: Path) -> str:
    """The spreadsheet program that saved the file last, by name, or "" for one written by
    a program (ours) or naming none. Read from the zip's directory and one small part only:
    call it on a file the workbook reader has checked already."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(APP_PROPERTIES)
            if info.file_size > LARGEST:
                return ""
            found = _APPLICATION.search(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    if found is None:
        return ""
    name = unescape(found.group(1).decode("utf-8", "replace")).strip()
    if not name or name.startswith(WRITTEN_BY_A_PROGRAM):
        return ""
    return program_name(name)


def program_name(application: str) -> str:
    """A person's name for the application: "LibreOffice/7.4.7.2$Linux_X86_64 …" is
    LibreOffice Calc; an unknown one is named as it names itself, without its build."""
    folded = application.casefold()
    for prefix, name in _FAMILIES.items():
        if folded.startswith(prefix):
            return name
    plain = re.split(r"[/$]", application, maxsplit=1)[0].strip()
    return "".join(ch for ch in plain if ch.isprintable())[:60]
