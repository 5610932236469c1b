"""Journey 4: Helena's library travels to every tutor as a pack, merged by id."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.models import ImportRecord, Method
from pierglass_desktop.exchange.library_import import import_library, read_library_pack
from pierglass_desktop.exchange.library_pack import export_library
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
from pierglass_desktop.services.builtin_methods import builtin_method_id, ensure_builtin_library
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.materials import attach_file, list_attachments, material_bytes
from pierglass_desktop.services.methods import MethodInput, add_method, edit_method, get_method
from pierglass_desktop.services.templates import (
    apply_template,
    list_template_items,
    list_templates,
    save_agenda_as_template,
)
from pierglass_desktop.storage.backup import list_backups
from planning_helpers import make_meeting

TRICKY = "=SUM(A1:A3) <b>Ääkköset</b> & -5\nrivi 2"


def _helena_library(database, tmp_path):
    sessions = database.sessions
    ensure_builtin_library(sessions)
    voucher = add_method(
        sessions,
        MethodInput(
            name={"fi": "Palvelusetelin hinnoittelu", "en": "Pricing for the voucher"},
            purpose={"fi": TRICKY, "en": "+plus and @at"},
            steps={"fi": "1. Laske\n2. Vertaa"},
            materials={"fi": "Laskin"},
            category=MethodCategory.DEVELOPMENT,
            duration_minutes=40,
            group_min=2,
            group_max=12,
            tags=("palveluseteli", "hinnoittelu"),
        ),
    )
    sheet = tmp_path / "laskentapohja.pdf"
    sheet.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 300)  # > one base64 cell
    attach_file(sessions, sheet, method_id=voucher.id)
    meeting = make_meeting(sessions)
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Kierros", 20))
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Palvelusetelit", 60))
    template = save_agenda_as_template(sessions, meeting.id, "Palveluseteli-ilta")
    return voucher, template


def _export(database, tmp_path, name="helena.xlsx"):
    return export_library(
        database.sessions, tmp_path / name, source="Helena", origin=database.installation_id
    )


def _count(sessions, model=Method) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_pack_arrives_marked_as_helenas_and_twice_changes_nothing(
    database, other_database, tmp_path
):
    voucher, _template = _helena_library(database, tmp_path)
    pack = _export(database, tmp_path)
    tutor = other_database.sessions
    ensure_builtin_library(tutor)
    own = add_method(tutor, MethodInput(name={"fi": "Ainon oma"}))

    summary = import_library(other_database, pack)
    assert summary.new["methods"] == 1 and summary.new["templates"] == 1
    assert summary.backup_path and summary.backup_path.exists()
    arrived = get_method(tutor, voucher.id)
    original = get_method(database.sessions, voucher.id)
    assert arrived.purpose == original.purpose and arrived.purpose["fi"] == TRICKY
    assert arrived.tags == ("palveluseteli", "hinnoittelu") and arrived.source == "Helena"
    assert arrived.name == original.name and arrived.steps == original.steps
    files = list_attachments(tutor, method_id=voucher.id)
    expected = material_bytes(database.sessions, files[0].material_id)
    assert material_bytes(tutor, files[0].material_id) == expected
    names = {t.name: t for t in list_templates(tutor)}
    assert names["Palveluseteli-ilta"].total_minutes == 80
    assert names["Palveluseteli-ilta"].source == "Helena"
    assert get_method(tutor, own.id).name == {"fi": "Ainon oma"}

    backups = list_backups(other_database.path)
    again = import_library(other_database, pack)
    assert not again.changed and again.backup_path is None
    assert list_backups(other_database.path) == backups
    with tutor() as s:
        assert s.scalar(select(func.count()).select_from(ImportRecord)) == 1


def test_newer_version_wins_and_an_older_pack_changes_nothing(database, other_database, tmp_path):
    voucher, _template = _helena_library(database, tmp_path)
    first = _export(database, tmp_path, "v1.xlsx")
    import_library(other_database, first)
    edit_method(database.sessions, voucher.id, MethodInput(name={"fi": "Uusi nimi"}))
    second = _export(database, tmp_path, "v2.xlsx")
    summary = import_library(other_database, second)
    assert summary.updated == {"methods": 1}
    assert get_method(other_database.sessions, voucher.id).name == {"fi": "Uusi nimi"}
    assert not import_library(other_database, first).changed


def test_builtins_do_not_travel_and_are_never_touched(database, other_database, tmp_path):
    ensure_builtin_library(database.sessions)
    pack = _export(database, tmp_path)
    assert read_library_pack(pack).records["methods"] == []
    ensure_builtin_library(other_database.sessions)
    assert not import_library(other_database, pack).changed
    assert get_method(other_database.sessions, builtin_method_id("fishbowl")).builtin


def _rewrite_meta(pack, key, value):
    book = load_workbook(pack)
    sheet = book["_meta"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value
    book.save(pack)


def _refused(other_database, path, match):
    before = _count(other_database.sessions)
    backups = list_backups(other_database.path)
    with pytest.raises(ValidationError, match=match):
        import_library(other_database, path)
    assert _count(other_database.sessions) == before
    assert list_backups(other_database.path) == backups


def test_newer_format_wrong_format_and_junk_are_refused_writing_nothing(
    database, other_database, tmp_path
):
    _helena_library(database, tmp_path)
    newer = _export(database, tmp_path, "newer.xlsx")
    _rewrite_meta(newer, "format_version", "99")
    _refused(other_database, newer, "newer version")
    sync = _export(database, tmp_path, "sync.xlsx")
    _rewrite_meta(sync, "format", "pierglass-sync")
    _refused(other_database, sync, "is not a Pier-glass library pack")
    text = tmp_path / "notes.xlsx"
    text.write_text("hello", encoding="utf-8")
    _refused(other_database, text, "not a Pier-glass library pack or it is damaged")
    whole = _export(database, tmp_path, "whole.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    _refused(other_database, cut, "damaged")
    empty_zip = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("x.txt", "x")
    _refused(other_database, empty_zip, "damaged")
    _refused(other_database, tmp_path / "missing.xlsx", "could not be read")


def test_bad_value_is_refused_naming_sheet_row_and_column(database, other_database, tmp_path):
    _helena_library(database, tmp_path)
    pack = _export(database, tmp_path)
    book = load_workbook(pack)
    sheet = book["methods"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("duration_minutes") + 1, value="forty")
    book.save(pack)
    _refused(other_database, pack, "“methods”.*row 2, column “duration_minutes”")
    book["methods"].cell(row=2, column=header.index("duration_minutes") + 1, value=40)
    book["methods"].cell(row=2, column=header.index("category") + 1, value="juggling")
    book.save(pack)
    _refused(other_database, pack, "juggling")


def test_damaged_attachment_is_refused(database, other_database, tmp_path):
    _helena_library(database, tmp_path)
    pack = _export(database, tmp_path)
    book = load_workbook(pack)
    book["material_parts"].cell(row=2, column=3, value="QUJD")
    book.save(pack)
    _refused(other_database, pack, "incomplete or damaged")


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_pack_survives_being_saved_by_libreoffice_calc(database, other_database, tmp_path):
    voucher, _template = _helena_library(database, tmp_path)
    pack = _export(database, tmp_path)
    out = tmp_path / "calc"
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(pack),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import_library(other_database, out / pack.name)
    arrived = get_method(other_database.sessions, voucher.id)
    assert arrived.purpose["fi"] == TRICKY and arrived.purpose["en"] == "+plus and @at"
    found = search_methods(other_database.sessions, "voucher")
    assert [r.name for r in found if not r.builtin] == ["Pricing for the voucher"]


def test_a_sheet_whose_stored_size_lies_still_imports_every_row(database, other_database, tmp_path):
    sessions = database.sessions
    ids = [add_method(sessions, MethodInput(name={"en": f"Method {n}"})).id for n in range(12)]
    pack = _export(database, tmp_path)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(lying, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                # Some generators write <dimension ref="A1:A1"/> whatever the sheet holds.
                data = data.replace(b"<sheetViews>", b'<dimension ref="A1:B2"/><sheetViews>', 1)
            target.writestr(entry, data)
    assert import_library(other_database, lying).new["methods"] == 12
    assert {get_method(other_database.sessions, i).id for i in ids} == set(ids)


def _helena_template_with_files(database, tmp_path):
    """Journey 4: the worksheet sits on the template's SWOT item, a handout on the template."""
    sessions = database.sessions
    meeting = make_meeting(sessions)
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Kierros", 20))
    swot = add_agenda_item(sessions, meeting.id, AgendaItemInput("Oman yrityksen SWOT", 45))
    worksheet = tmp_path / "swot.pdf"
    worksheet.write_bytes(b"%PDF-1.4 SWOT " + bytes(range(256)) * 200)
    attach_file(sessions, worksheet, agenda_item_id=swot.id, caption="Yksi per jäsen")
    handout = tmp_path / "ohje.txt"
    handout.write_bytes(b"Tervetuloa")
    attach_file(sessions, handout, meeting_id=meeting.id)
    return save_agenda_as_template(sessions, meeting.id, "Yrityksen terveystarkastus")


def test_template_item_files_travel_in_the_pack_and_twice_changes_nothing(
    database, other_database, tmp_path
):
    template = _helena_template_with_files(database, tmp_path)
    pack = _export(database, tmp_path)
    summary = import_library(other_database, pack)
    assert summary.new["material_links"] == 2 and summary.new["materials"] == 2
    tutor = other_database.sessions
    items = list_template_items(tutor, template.id)
    assert [i.file_count for i in items] == [0, 1]
    (worksheet,) = list_attachments(tutor, template_item_id=items[1].id)
    assert (worksheet.filename, worksheet.caption) == ("swot.pdf", "Yksi per jäsen")
    sent = list_attachments(database.sessions, template_item_id=items[1].id)[0]
    assert material_bytes(tutor, worksheet.material_id) == material_bytes(
        database.sessions, sent.material_id
    )
    assert [f.filename for f in list_attachments(tutor, template_id=template.id)] == ["ohje.txt"]
    assert not import_library(other_database, pack).changed

    # The tutor applies it to her own session: the worksheet comes along.
    meeting = make_meeting(tutor)
    added = apply_template(tutor, template.id, meeting.id)
    assert [f.filename for f in list_attachments(tutor, agenda_item_id=added[1].id)] == ["swot.pdf"]


def _drop_column(pack, sheet_name, key):
    book = load_workbook(pack)
    sheet = book[sheet_name]
    header = [c.value for c in sheet[1]]
    sheet.delete_cols(header.index(key) + 1)
    book.save(pack)


def test_a_pack_written_before_template_item_files_still_imports(
    database, other_database, tmp_path
):
    voucher, template = _helena_library(database, tmp_path)
    handout = tmp_path / "ohje.txt"
    handout.write_bytes(b"Tervetuloa")
    attach_file(database.sessions, handout, template_id=template.id)
    pack = _export(database, tmp_path, "old.xlsx")
    _drop_column(pack, "material_links", "template_item_id")
    assert "template_item_id" not in [c.value for c in load_workbook(pack)["material_links"][1]]

    summary = import_library(other_database, pack)
    assert summary.new["material_links"] == 2
    tutor = other_database.sessions
    assert [f.filename for f in list_attachments(tutor, method_id=voucher.id)] == [
        "laskentapohja.pdf"
    ]
    assert [f.filename for f in list_attachments(tutor, template_id=template.id)] == ["ohje.txt"]
    assert not import_library(other_database, pack).changed


def test_a_file_on_a_template_item_outside_the_pack_is_refused(database, other_database, tmp_path):
    _helena_template_with_files(database, tmp_path)
    pack = _export(database, tmp_path)
    book = load_workbook(pack)
    sheet = book["material_links"]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=header.index("template_item_id") + 1).value:
            cell = sheet.cell(row=row, column=header.index("template_item_id") + 1)
            cell.value = "00000000-0000-4000-8000-000000000000"
    book.save(pack)
    _refused(other_database, pack, "not attached to one method, template or template item")


def test_a_pack_update_is_found_by_the_next_search_even_when_the_table_looks_unchanged(
    database, other_database, tmp_path
):
    voucher, _template = _helena_library(database, tmp_path)
    first = _export(database, tmp_path, "first.xlsx")
    edit_method(database.sessions, voucher.id, MethodInput(name={"en": "Voucher pricing, 2nd"}))
    second = _export(database, tmp_path, "second.xlsx")
    tutor = other_database.sessions
    import_library(other_database, first)
    add_method(tutor, MethodInput(name={"en": "Aino's newest"}))  # the newest stamp is hers
    assert search_methods(tutor, "Pricing for the voucher")
    # The update keeps Helena's (older) stamp: row count and newest stamp stay the same, so
    # only the import telling the database's search cache makes the new name findable.
    import_library(other_database, second)
    assert [r.id for r in search_methods(tutor, "2nd")] == [voucher.id]
    assert search_methods(tutor, "Pricing for the voucher") == []
