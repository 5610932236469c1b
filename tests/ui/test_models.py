"""Every table model passes Qt's model tester, alone and behind its search/sort proxy."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt

from pierglass_desktop.domain.enums import GroupMode, GroupStatus, TutorRole
from pierglass_desktop.services.groups import GroupRow
from pierglass_desktop.services.members import MemberRow
from pierglass_desktop.services.participants import ParticipantRow
from pierglass_desktop.services.tutors import GroupTutorRow
from pierglass_desktop.ui.models.groups import group_model, group_tutor_model, member_model
from pierglass_desktop.ui.models.participants import participant_model
from pierglass_desktop.ui.models.table import ROW_ROLE, RowFilterProxy, _sorted_texts, sort_key


def group(name: str, members: int, start: date | None, archived: bool = False) -> GroupRow:
    return GroupRow(
        id=name,
        name=name,
        description="",
        mode=GroupMode.FACE_TO_FACE,
        location="Pori",
        start_date=start,
        end_date=None,
        status=GroupStatus.ACTIVE,
        archived=archived,
        member_count=members,
        tutor_names="Maija Ojala",
    )


GROUPS = [
    group("Öljyala", 11, date(2025, 9, 4)),
    group("Arjen apu", 9, None, archived=True),
    group("Kotihoidon yrittäjät, Pori", 10, date(2024, 1, 5)),
]
MEMBERS = [
    MemberRow("m1", "p1", "Aino Virtanen", "Hoivapalvelu Virtanen", date(2025, 9, 4), None),
    MemberRow("m2", "p2", "Jussi Mäkelä", "", date(2025, 9, 4), date(2026, 1, 31)),
]
TUTORS = [GroupTutorRow("t1", "Maija Ojala", TutorRole.LEAD)]
PEOPLE = [
    ParticipantRow("Aino", "Virtanen", company_name="Hoiva", id="p1", groups=("Pori",)),
    ParticipantRow("Jussi", "Mäkelä", business_id="2345678-0", id="p2"),
]

CASES = [
    (group_model, GROUPS),
    (member_model, MEMBERS),
    (group_tutor_model, TUTORS),
    (participant_model, PEOPLE),
]


@pytest.mark.parametrize(("factory", "rows"), CASES)
def test_every_table_model_passes_the_model_tester(qtmodeltester, factory, rows):
    model = factory()
    qtmodeltester.check(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = RowFilterProxy(model)
    proxy.sort(0)
    proxy.set_search("a")
    qtmodeltester.check(proxy)
    model.set_rows([])
    qtmodeltester.check(proxy)


def test_group_rows_show_translated_status_dates_and_right_aligned_counts():
    model = group_model()
    model.set_rows(GROUPS)
    index = model.index(1, 2)
    assert model.data(index) == "Active, archived"
    assert model.data(model.index(0, 5)) in ("4 Sept 2025", "4 Sep 2025")
    assert model.data(model.index(1, 5)) == ""
    alignment = model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)
    assert model.data(model.index(2, 0), ROW_ROLE) is GROUPS[2]
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.data(QModelIndex()) is None


def test_proxy_sorts_numbers_as_numbers_and_dates_with_empty_last():
    model = group_model()
    model.set_rows(GROUPS)
    proxy = RowFilterProxy(model)
    proxy.sort(3, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_at(r).member_count for r in range(3)] == [9, 10, 11]
    proxy.sort(5, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_at(r).name for r in range(3)] == [
        "Kotihoidon yrittäjät, Pori",
        "Öljyala",
        "Arjen apu",
    ]


@given(
    st.lists(st.text(alphabet="aAäÄßsS ", max_size=3) | st.just("")),
    st.booleans(),
)
def test_a_column_of_texts_sorts_as_its_sort_keys_would(texts, descending):
    """The quick path for texts keeps the one rule: case folded, stable, empty ones last."""
    keys = [sort_key(text) for text in texts]
    expected = sorted(range(len(texts)), key=keys.__getitem__, reverse=descending)
    assert _sorted_texts(texts, descending) == expected


def test_people_sort_by_last_name_then_first_name_whatever_order_they_come_in():
    people = [
        ParticipantRow("Ville", "Aaltonen", id="v"),
        ParticipantRow("Eero", "aalto", id="e"),
        ParticipantRow("Aino", "Aalto", id="a"),
        ParticipantRow("Åsa", "Ämmälä", id="å"),
    ]
    model = participant_model()
    model.set_rows(people)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).id for r in range(4)] == ["a", "e", "v", "å"]
    model.set_rows(reversed(people))  # a refresh keeps the order chosen
    assert [model.row_at(r).id for r in range(4)] == ["a", "e", "v", "å"]


def test_rows_sorted_in_the_background_are_sorted_again_if_a_header_was_clicked_meanwhile():
    companies = [
        ParticipantRow("Aino", "Aalto", company_name="Öljy Oy", id="a"),
        ParticipantRow("Bea", "Böök", company_name="Apu Oy", id="b"),
        ParticipantRow("Cai", "Cedar", company_name="", id="c"),
    ]
    model = participant_model()
    model.sort(0, Qt.SortOrder.DescendingOrder)  # by name, Z to A
    in_order = model.sorter()  # as a page hands it to its background read
    read = in_order(reversed(companies))
    assert [row.id for row in read.rows] == ["c", "b", "a"]
    model.set_sorted_rows(read)
    assert [model.row_at(r).id for r in range(3)] == ["c", "b", "a"]
    later = in_order(companies)
    model.sort(2, Qt.SortOrder.AscendingOrder)  # by company, clicked while reading
    model.set_sorted_rows(later)
    assert [model.row_at(r).id for r in range(3)] == ["b", "a", "c"]  # no company last


def test_proxy_search_matches_every_word_in_any_column_ignoring_case():
    model = participant_model()
    model.set_rows(PEOPLE)
    proxy = RowFilterProxy(model)
    proxy.set_search("virtanen HOIVA")
    assert [proxy.row_at(r).id for r in range(proxy.rowCount())] == ["p1"]
    proxy.set_search("2345678")
    assert [proxy.row_at(r).id for r in range(proxy.rowCount())] == ["p2"]
    proxy.set_search("")
    proxy.set_row_filter(lambda p: "Pori" in p.groups)
    assert proxy.rowCount() == 1
    proxy.set_search("  ")  # no words is no search, with the group filter still on
    assert proxy.rowCount() == 1
    proxy.set_row_filter(None)
    assert proxy.rowCount() == 2


def test_dates_are_written_the_finnish_way_in_finnish(finnish):
    model = group_model()
    model.set_rows(GROUPS)
    assert model.data(model.index(0, 5)) == "4.9.2025"
    members = member_model()
    members.set_rows(MEMBERS)
    assert members.data(members.index(1, 3)) == "31.1.2026"
