"""`pierglass export sync …` (a tutor's export for the project) and `pierglass import FILE…`.

The import previews first; ``--dry-run`` stops there. Exit codes: 0 everything was applied (or
would be), 1 a file was refused (the others are applied), 3 conflicts remain unresolved (then
nothing is applied; ``--conflicts mine|theirs|newer`` says how to resolve them all).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pierglass_desktop.cli.common import add_database_argument, database_path, existing_database
from pierglass_desktop.cli.passwords import (
    add_encrypt_arguments,
    project_password,
    say_send_separately,
)
from pierglass_desktop.domain.errors import StorageError, ValidationError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.storage.location import ServerDatabase

EXIT_REFUSED = 1
EXIT_CONFLICTS = 3


def register(subparsers) -> None:
    export = subparsers.add_parser("export", help=_("write an export for the project"))
    kinds = export.add_subparsers(dest="export_kind", metavar=_("KIND"), required=True)
    sync = kinds.add_parser(
        "sync",
        help=_("your groups for the project coordinator, in one workbook"),
        description=_(
            "Writes the groups (all by default) with their members, sessions, attendance, "
            "shared notes, commitments, feedback and questionnaires. Private notes stay here; "
            "members who did not agree to sharing go out under their pseudonym code."
        ),
    )
    sync.add_argument("--output", required=True, metavar=_("FILE.xlsx"), help=_("file to write"))
    sync.add_argument(
        "--group", action="append", metavar="ID", help=_("only this group (repeat for more)")
    )
    sync.add_argument(
        "--pseudonymise", action="store_true", help=_("send everyone under their pseudonym code")
    )
    sync.add_argument(
        "--with-evidence",
        action="store_true",
        help=_("also write the signed sign-in sheets to a zip beside the workbook"),
    )
    add_encrypt_arguments(
        sync,
        what=_(
            "protect the file with the project password (the default): from the keyring, "
            "$PIERGLASS_EXPORT_PASSWORD or asked; --no-encrypt writes it plain"
        ),
    )
    add_database_argument(sync)
    sync.set_defaults(handler=run_export)

    imported = subparsers.add_parser(
        "import",
        help=_("import tutors' exports into this database"),
        description=_(
            "Checks every file whole and shows what it would change before anything is "
            "written. A database that does not exist yet is created."
        ),
    )
    imported.add_argument(
        "files", nargs="+", metavar=_("FILE"), help=_("exports to import, or a folder of them")
    )
    imported.add_argument(
        "--dry-run", action="store_true", help=_("only show the preview; write nothing")
    )
    imported.add_argument("--json", action="store_true", help=_("print the preview as JSON"))
    imported.add_argument(
        "--conflicts",
        choices=["mine", "theirs", "newer"],
        help=_("resolve every conflict so: keep mine, take theirs, or keep the newer one"),
    )
    add_database_argument(imported)
    imported.set_defaults(handler=run_import)


# ---------------------------------------------------------------- export


def run_export(args: argparse.Namespace) -> int:
    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.services.sync_export import export_sync
    from pierglass_desktop.storage.database import open_database

    output = Path(args.output)
    database = existing_database(args)
    password = project_password(confirm=True) if args.encrypt else None
    with open_database(database, create=False) as db:
        plan = export_sync(
            db.sessions,
            output,
            group_ids=args.group,
            pseudonymise=args.pseudonymise,
            with_evidence=args.with_evidence,
            tutor=load_preferences().tutor_name,
            password=password,
        )
    print(_("Wrote {path}").format(path=output))
    print(
        ngettext("{count} record; ", "{count} records; ", plan.total).format(count=plan.total)
        + ngettext(
            "{count} person under a pseudonym code; ",
            "{count} people under a pseudonym code; ",
            plan.pseudonymised,
        ).format(count=plan.pseudonymised)
        + ngettext(
            "{count} private note stayed here.",
            "{count} private notes stayed here.",
            plan.private_notes_kept,
        ).format(count=plan.private_notes_kept)
    )
    if plan.evidence_zip is not None:
        print(
            _("Signed sign-in sheets ({count}): {path}").format(
                count=plan.evidence_files, path=plan.evidence_zip
            )
        )
    if password:
        say_send_separately()
    return 0


# ---------------------------------------------------------------- import


def run_import(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage.database import open_database

    path = database_path(args)
    if isinstance(path, ServerDatabase):
        from pierglass_desktop.storage.server import holds_schema

        if not (args.dry_run and not holds_schema(path)):
            with open_database(path) as db:
                return _import(db, args, apply=not args.dry_run)
    if args.dry_run and (isinstance(path, ServerDatabase) or not path.exists()):
        with (  # preview against an empty database, without creating the file
            tempfile.TemporaryDirectory() as folder,
            open_database(Path(folder) / "preview.sqlite3") as db,
        ):
            return _import(db, args, apply=False)
    if not path.parent.is_dir():
        raise StorageError(_("The folder {folder} does not exist.").format(folder=path.parent))
    with open_database(path) as db:
        return _import(db, args, apply=not args.dry_run)


def _import(db, args: argparse.Namespace, *, apply: bool) -> int:
    from pierglass_desktop.services.sync_import import Resolution, import_files, preview_import

    missing = [name for name in args.files if not Path(name).exists()]
    if missing:
        raise ValidationError(_("There is no file or folder {path}.").format(path=missing[0]))
    paths = [Path(name) for name in args.files]
    password = _import_password(paths)
    resolution = Resolution(args.conflicts) if args.conflicts else None
    result = None
    if apply:  # nobody reads the preview before it lands: read and merge once
        preview, result = import_files(db, paths, resolution, password=password)
    else:
        preview = preview_import(db.sessions, paths, password=password)
    unresolved = bool(preview.conflicts) and resolution is None
    code = EXIT_CONFLICTS if unresolved else EXIT_REFUSED if preview.refused else 0
    if args.json:
        _print_json(preview, result, code)
    else:
        _print_preview(preview, result, apply=apply, unresolved=unresolved)
    return code


def _import_password(paths: list[Path]) -> str | None:
    """The project password, asked only when a file to import is protected."""
    from pierglass_desktop.exchange.protected import is_protected
    from pierglass_desktop.services.sync_import import sync_files_in

    if not any(is_protected(path) for path in sync_files_in(paths)):
        return None
    return project_password(confirm=False)


def _print_preview(preview, result, *, apply: bool, unresolved: bool) -> None:
    from pierglass_desktop.services.sync_import import (
        FileStatus,
        file_note,
        forgetting_lines,
    )

    for item in preview.files:
        name = item.path.name
        if item.status is FileStatus.OK:
            print(
                _("{name}: {new} new, {updated} updated, {unchanged} unchanged").format(
                    name=name,
                    new=item.total("new"),
                    updated=item.total("updated"),
                    unchanged=item.total("unchanged"),
                )
                + (
                    ngettext(
                        ", {count} conflict", ", {count} conflicts", len(item.conflicts)
                    ).format(count=len(item.conflicts))
                    if item.conflicts
                    else ""
                )
            )
            if item.upgraded:
                print("  " + _("made by an older version of Pier-glass; read as current"))
            if note := file_note(item):
                print("  " + note)
            if item.saved_by:
                print(
                    "  "
                    + _("saved in {program} on the way; read as exported").format(
                        program=item.saved_by
                    )
                )
        elif item.status is FileStatus.ALREADY_IMPORTED:
            print(_("{name}: imported before; nothing to do").format(name=name))
        else:
            print(_("{name}: refused. {reason}").format(name=name, reason=item.reason))
        for conflict in item.conflicts:
            print("  " + _("Conflict: {label}").format(label=conflict.label))
            for diff in conflict.fields:
                print(
                    "    "
                    + _("{field}: here “{mine}”, in the file “{theirs}”").format(
                        field=diff.label, mine=_shown(diff.mine), theirs=_shown(diff.theirs)
                    )
                )
    if unresolved:
        print(
            _(
                "Nothing was imported: choose how to resolve the conflicts with "
                "--conflicts mine, theirs or newer."
            )
        )
    elif not apply:
        print(_("Nothing was written: this was a preview."))
    elif result is not None and result.applied:
        print(
            ngettext(
                "Imported {count} file.", "Imported {count} files.", len(result.applied)
            ).format(count=len(result.applied))
        )
        if result.backup_path is not None:
            print(_("A backup made before the import is at {path}").format(path=result.backup_path))
        for line in forgetting_lines(result):
            print(line)
    else:
        print(_("Nothing new to import."))


def _shown(value: Any) -> str:
    text = "" if value is None else str(_plain(value))
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _print_json(preview, result, code: int) -> None:
    files = result.files if result is not None else preview.files
    document = {
        "exit_code": code,
        "applied": result is not None and bool(result.applied),
        "backup": str(result.backup_path) if result and result.backup_path else None,
        "forgotten": list(result.forgotten) if result else [],
        "backups_holding_forgotten": [
            str(h.path) for h in (result.backups_holding if result else ())
        ],
        "files": [_file_json(item) for item in files],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        stream.write(text.encode("utf-8"))
        stream.flush()


def _file_json(item) -> dict:
    return {
        "path": str(item.path),
        "status": item.status.value,
        "reason": item.reason,
        "origin": item.origin,
        "tutor": item.tutor,
        "exported_at": _plain(item.exported_at),
        "format_version": item.format_version,
        "upgraded": item.upgraded,
        "saved_by": item.saved_by or None,
        "counts": {sheet: asdict(counts) for sheet, counts in item.counts.items()},
        "errors": [
            {
                "sheet": e.sheet,
                "row": e.row,
                "column": e.column,
                "rule": e.rule,
                "value": e.value,
            }
            for e in item.errors
        ],
        "conflicts": [
            {
                "key": c.key,
                "sheet": c.sheet,
                "id": c.record_id,
                "label": c.label,
                "fields": [
                    {
                        "key": d.key,
                        "label": d.label,
                        "mine": _plain(d.mine),
                        "theirs": _plain(d.theirs),
                    }
                    for d in c.fields
                ],
                "mine_updated_at": _plain(c.mine_updated_at),
                "mine_origin": c.mine_origin,
                "theirs_updated_at": _plain(c.theirs_updated_at),
                "theirs_origin": c.theirs_origin,
            }
            for c in item.conflicts
        ],
    }
