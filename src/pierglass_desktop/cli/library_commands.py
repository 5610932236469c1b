"""`pierglass library export --output FILE` and `pierglass library import FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, existing_database
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import _


def register(subparsers) -> None:
    library = subparsers.add_parser("library", help=_("export or import a library pack"))
    actions = library.add_subparsers(dest="library_action", metavar=_("ACTION"), required=True)
    export = actions.add_parser(
        "export", help=_("write your own methods and templates to a library pack")
    )
    export.add_argument("--output", required=True, metavar=_("FILE.xlsx"), help=_("pack to write"))
    export.add_argument(
        "--source", default="", help=_("who made the pack (default: the tutor name in Settings)")
    )
    add_database_argument(export)
    export.set_defaults(handler=run_export)
    imported = actions.add_parser("import", help=_("merge a library pack into the database"))
    imported.add_argument("file", metavar=_("FILE.xlsx"), help=_("pack to import"))
    imported.add_argument(
        "--preview",
        action="store_true",
        help=_("only say what the pack would bring; write nothing"),
    )
    add_database_argument(imported)
    imported.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from pierglass_desktop.exchange.library_pack import export_library
    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.storage.database import open_database

    output = Path(args.output)
    if not output.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist.").format(folder=output.parent))
    source = args.source.strip() or load_preferences().tutor_name
    with open_database(existing_database(args), create=False) as db:
        export_library(db.sessions, output, source=source, origin=db.installation_id)
    print(_("Wrote {path}").format(path=output))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from pierglass_desktop.exchange.library_import import import_library
    from pierglass_desktop.storage.database import open_database

    with open_database(existing_database(args), create=False) as db:
        if args.preview:
            return _preview(db, Path(args.file))
        summary = import_library(db, Path(args.file))
    if not summary.changed:
        print(
            _("Nothing new: the library already has everything in {name}.").format(
                name=Path(args.file).name
            )
        )
        return 0
    print(
        _("Imported from {source}: {new} new and {updated} updated records.").format(
            source=summary.source,
            new=sum(summary.new.values()),
            updated=sum(summary.updated.values()),
        )
    )
    print(_("A backup made before the import is at {path}").format(path=summary.backup_path))
    return 0


def _preview(db, path: Path) -> int:
    from pierglass_desktop.exchange.library_import import preview_library_import, read_library_pack
    from pierglass_desktop.exchange.pack_words import pack_lines, pack_origin

    pack = read_library_pack(path)
    summary = preview_library_import(db.sessions, pack)
    print(pack_origin(pack.source, pack.meta.exported_at))
    for line in pack_lines(summary):
        print(line)
    print(_("Nothing was written: this was a preview."))
    return 0
