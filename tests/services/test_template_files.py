"""Templates keep their files: saved from an agenda, applied to sessions, deleted with them."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select

from pierglass_desktop.domain.models import Material, MaterialLink
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item, load_agenda
from pierglass_desktop.services.materials import attach_file, list_attachments
from pierglass_desktop.services.series import SeriesInput, generate_meetings, save_series_plan
from pierglass_desktop.services.templates import (
    apply_template,
    delete_template,
    list_template_items,
    list_templates,
    save_agenda_as_template,
)
from planning_helpers import make_group, make_meeting


def _file(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _helenas_meeting(sessions, tmp_path):
    """A meeting whose SWOT item carries a worksheet and which has a handout of its own."""
    meeting = make_meeting(sessions)
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Check-in round", 15))
    swot = add_agenda_item(sessions, meeting.id, AgendaItemInput("SWOT of one's own business", 45))
    worksheet = _file(tmp_path, "swot.pdf", b"%PDF-1.4 worksheet")
    attach_file(sessions, worksheet, agenda_item_id=swot.id, caption="Print one per member")
    attach_file(sessions, _file(tmp_path, "handout.txt", b"handout"), meeting_id=meeting.id)
    # The photo of the signed sheet proves this one meeting: it never goes into a template.
    attach_file(
        sessions,
        _file(tmp_path, "signed.jpg", b"\xff\xd8 photo"),
        meeting_id=meeting.id,
        kind="signin_evidence",
    )
    return meeting


def _material_count(sessions) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(Material))


def test_saving_as_template_keeps_item_and_session_files(sessions, tmp_path):
    meeting = _helenas_meeting(sessions, tmp_path)
    stored = _material_count(sessions)
    template = save_agenda_as_template(sessions, meeting.id, "Business health check")
    assert template.file_count == 2
    items = list_template_items(sessions, template.id)
    assert [(i.title, i.file_count) for i in items] == [
        ("Check-in round", 0),
        ("SWOT of one's own business", 1),
    ]
    (worksheet,) = list_attachments(sessions, template_item_id=items[1].id)
    assert (worksheet.filename, worksheet.caption) == ("swot.pdf", "Print one per member")
    assert [a.filename for a in list_attachments(sessions, template_id=template.id)] == [
        "handout.txt"
    ]
    assert _material_count(sessions) == stored  # linked, not copied


def test_applying_the_template_links_the_same_files_to_the_new_agenda(sessions, tmp_path):
    template = save_agenda_as_template(sessions, _helenas_meeting(sessions, tmp_path).id, "Check")
    stored = _material_count(sessions)
    target = make_meeting(sessions, start=datetime(2027, 1, 14, 17, 0))
    added = apply_template(sessions, template.id, target.id)
    swot_files = list_attachments(sessions, agenda_item_id=added[1].id)
    assert [f.filename for f in swot_files] == ["swot.pdf"]
    assert list_attachments(sessions, agenda_item_id=added[0].id) == []
    assert [f.filename for f in list_attachments(sessions, meeting_id=target.id)] == ["handout.txt"]
    assert _material_count(sessions) == stored

    # Applied again after what is there: new items get the worksheet, the session keeps one
    # handout.
    again = apply_template(sessions, template.id, target.id)
    assert [f.filename for f in list_attachments(sessions, agenda_item_id=again[1].id)] == [
        "swot.pdf"
    ]
    assert len(list_attachments(sessions, meeting_id=target.id)) == 1
    assert _material_count(sessions) == stored


def test_series_generated_from_the_template_carries_its_files(sessions, tmp_path):
    template = save_agenda_as_template(sessions, _helenas_meeting(sessions, tmp_path).id, "Check")
    plan = save_series_plan(
        sessions,
        make_group(sessions, "Palveluseteli, Rauma"),
        SeriesInput(
            first_date=date(2027, 1, 1),
            until=date(2027, 3, 1),
            weekday=3,
            start_time=time(17, 0),
            template_id=template.id,
        ),
    )
    created = generate_meetings(sessions, plan.id)
    assert len(created) >= 2
    for meeting in created:
        items = load_agenda(sessions, meeting.id).items
        assert [len(list_attachments(sessions, agenda_item_id=i.id)) for i in items] == [0, 1]
        assert len(list_attachments(sessions, meeting_id=meeting.id)) == 1


def test_deleting_a_template_tombstones_its_links_but_not_the_sessions_files(sessions, tmp_path):
    meeting = _helenas_meeting(sessions, tmp_path)
    template = save_agenda_as_template(sessions, meeting.id, "Check")
    items = list_template_items(sessions, template.id)
    delete_template(sessions, template.id)
    with sessions() as s:
        links = list(
            s.scalars(
                select(MaterialLink).where(
                    MaterialLink.template_id.is_not(None)
                    | MaterialLink.template_item_id.is_not(None)
                )
            )
        )
    assert len(links) == 2 and all(link.deleted_at is not None for link in links)
    assert list_attachments(sessions, template_item_id=items[1].id) == []
    assert template.id not in [t.id for t in list_templates(sessions)]
    # The meeting it came from keeps its own files: the handout and the signed sheet.
    assert len(list_attachments(sessions, meeting_id=meeting.id)) == 2
    assert (
        len(
            list_attachments(sessions, agenda_item_id=load_agenda(sessions, meeting.id).items[1].id)
        )
        == 1
    )


def test_a_template_without_files_counts_none(sessions):
    meeting = make_meeting(sessions)
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Kierros", 20))
    template = save_agenda_as_template(sessions, meeting.id, "Plain")
    assert template.file_count == 0
    assert [i.file_count for i in list_template_items(sessions, template.id)] == [0]
