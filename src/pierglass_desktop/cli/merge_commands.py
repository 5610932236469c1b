"""`pierglass person duplicates` and `pierglass person merge KEEP OTHER`: the Project page's
probable duplicates and its merge, for a coordinator at a terminal."""

from __future__ import annotations

import argparse
import json
import sys

from pierglass_desktop.cli.common import add_database_argument, confirmed, existing_database
from pierglass_desktop.i18n import _, ngettext


def register_actions(actions) -> None:
    """Add the two actions to ``pierglass person``."""
    found = actions.add_parser(
        "duplicates", help=_("list the people who look like one person recorded twice")
    )
    found.add_argument("--json", action="store_true", help=_("print the pairs as JSON"))
    add_database_argument(found)
    found.set_defaults(handler=run_duplicates)
    merge = actions.add_parser(
        "merge", help=_("make two records of one person into one (the second joins the first)")
    )
    merge.add_argument("keep", metavar=_("KEEP_ID"), help=_("the record to keep"))
    merge.add_argument("other", metavar=_("OTHER_ID"), help=_("the record merged into it"))
    merge.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    add_database_argument(merge)
    merge.set_defaults(handler=run_merge)


def run_duplicates(args: argparse.Namespace) -> int:
    from pierglass_desktop.services.duplicates import find_duplicates
    from pierglass_desktop.storage.database import reading

    with reading(existing_database(args)) as sessions:
        pairs = find_duplicates(sessions)
    if args.json:
        json.dump([_pair_document(pair) for pair in pairs], sys.stdout, ensure_ascii=False)
        print()
        return 0
    if not pairs:
        print(_("No probable duplicates found."))
        return 0
    print(
        ngettext("{count} probable duplicate:", "{count} probable duplicates:", len(pairs)).format(
            count=len(pairs)
        )
    )
    for pair in pairs:
        print()
        print("  " + "; ".join(_reason(reason) for reason in pair.reasons))
        for person in (pair.first, pair.second):
            print(f"    {person.id}  {_described(person)}")
    print()
    print(_("Merge a pair with 'pierglass person merge KEEP_ID OTHER_ID'."))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from pierglass_desktop.services.duplicates import merge_with_backup, person_summaries
    from pierglass_desktop.storage.database import open_database

    with open_database(existing_database(args), create=False) as db:
        keep, other = person_summaries(db.sessions, args.keep, args.other)
        print(_("Keep:      {person}").format(person=_described(keep)))
        print(_("Merge in:  {person}").format(person=_described(other)))
        print(
            _(
                "Everything recorded of the second (memberships, marks, answers, notes, "
                "commitments) moves to the first, the first's empty fields are filled from the "
                "second, and the second is removed."
            )
        )
        if not args.yes and not confirmed(
            _("Merge these two records into one? Type yes to confirm: ")
        ):
            print(_("Nothing was merged."))
            return 1
        result = merge_with_backup(db, keep.id, other.id)
    print(_("The two records are now one: {name}.").format(name=keep.full_name))
    for mark in result.dropped_marks:
        print(
            _(
                "Both records had a mark for {group}, meeting {number}; the kept record's "
                "mark stayed."
            ).format(group=mark.group_name, number=mark.meeting_number)
        )
    if result.backup_path is not None:
        print(_("A backup made before the merge is at {path}").format(path=result.backup_path))
    return 0


def _reason(reason) -> str:
    from pierglass_desktop.services.duplicates import REASON_LABELS

    return _(REASON_LABELS[reason])


def _described(person) -> str:
    """One line telling a person's record apart from another: what the merge dialog shows."""
    parts = [person.full_name, person.email, person.company_name, person.business_id]
    if person.birth_year is not None:
        parts.append(_("born {year}").format(year=person.birth_year))
    if person.groups:
        parts.append(_("groups: {names}").format(names=", ".join(person.groups)))
    return ", ".join(part for part in parts if part)


def _pair_document(pair) -> dict:
    from dataclasses import asdict

    return {
        "reasons": [str(reason) for reason in pair.reasons],
        "first": asdict(pair.first),
        "second": asdict(pair.second),
    }
