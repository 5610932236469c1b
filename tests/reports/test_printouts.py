"""Printouts in other scripts, a sign-in sheet that keeps its shape, agendas in one language,
chosen method cards, and renderers that never read the database."""

from __future__ import annotations

import ast
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import TutorRole
from pierglass_desktop.domain.models import GroupTutor, Tutor
from pierglass_desktop.i18n import set_language
from pierglass_desktop.reports.printables import PRINTABLES, PrintRequest, print_document
from pierglass_desktop.reports.signin import signin_pdf
from pierglass_desktop.reports.user_text import user_text
from pierglass_desktop.services.agenda import add_method_to_agenda, edit_agenda_item
from pierglass_desktop.services.builtin_methods import builtin_method_id, ensure_builtin_library
from pierglass_desktop.services.printouts import SigninSheet, cards_data, signin_data
from pierglass_desktop.services.templates import list_templates
from planning_helpers import make_meeting

REPORTS = Path(__file__).parents[2] / "src" / "pierglass_desktop" / "reports"


def _pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _fonts(path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _qpdf_ok(path) -> None:
    """The PDF's structure checked by qpdf (CI installs it); without it, a strict full read."""
    if shutil.which("qpdf") is None:
        reader = PdfReader(path, strict=True)
        assert all(page.extract_text() is not None for page in reader.pages)
        return
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _sheet(members, tutors=("Aino Aaltonen",)) -> SigninSheet:
    return SigninSheet(
        group="Kotihoidon yrittäjät, Pori",
        number=1,
        theme="Theme",
        starts_at=datetime(2026, 9, 3, 17, 0),
        ends_at=datetime(2026, 9, 3, 20, 0),
        place="Pori",
        tutors=tuple(tutors),
        members=tuple(members),
    )


# ---------------------------------------------------------------- A: other scripts

WORLD = [
    ("王小明", "北京贸易"),
    ("山田 花子", "株式会社やまだ"),
    ("محمد علي", "شركة النور"),
    ("דוד כהן", "חברה בע״מ"),
    ("Liisa Laine 😀🚀", "Kotihoito ☕✅"),
]


def test_member_names_in_chinese_japanese_arabic_hebrew_and_emoji_print_with_glyphs(tmp_path):
    output = signin_pdf(_sheet(WORLD), tmp_path / "world.pdf")
    _qpdf_ok(output)
    fonts = _fonts(output)
    assert any("DroidSansFallback" in f for f in fonts), fonts
    assert any("Symbola" in f for f in fonts), fonts
    page = "".join(_pages(output))
    for expected in ("王小明", "山田", "花子", "株式会社やまだ", "😀🚀", "☕✅"):
        assert expected in page, expected
    assert "ὠ" not in page
    # Hebrew and Arabic are laid out in visual order (a reader may reorder them back)
    assert user_text("דוד כהן") == "ןהכ דוד"
    assert ("דוד" in page and "כהן" in page) or "ןהכ" in page
    assert user_text("محمد علي") == "ﻲﻠﻋ ﺪﻤﺤﻣ"  # joined forms, right to left
    # Arabic joined: presentation forms (U+FB50–U+FEFF), in visual order, no bare letters
    arabic = [ch for ch in page if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff"]
    assert arabic and all("\ufb50" <= ch <= "\ufeff" for ch in arabic if ch != " ")


def test_markup_stays_literal_next_to_other_scripts(tmp_path):
    output = signin_pdf(_sheet([("<b>王</b> & 😀", "<img src='x'>")]), tmp_path / "m.pdf")
    page = _pages(output)[0]
    assert "<b>王</b> & 😀" in page and "<img src='x'>" in page


# ---------------------------------------------------------------- B: sign-in layout


def _text_heights(path) -> list[tuple[str, float]]:
    """Each piece of text on the first page with its height on the page (points from below)."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[5] * cm[3] + cm[5]))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_200_character_name_stays_inside_its_row(tmp_path):
    long_name = ("Marja-Leena Korhonen-Virtanen " * 7)[:200]
    members = [(long_name, "Oy " * 30), ("Bertta Brander", "B Oy")]
    output = signin_pdf(_sheet(members), tmp_path / "long.pdf")
    _qpdf_ok(output)
    assert len(PdfReader(output).pages) == 1  # and the signature block with it
    heights = _text_heights(output)
    name_lowest = min(y for t, y in heights if "Korhonen" in t or "Marja" in t)
    next_name = max(y for t, y in heights if "Bertta" in t)
    # The next row's text sits mid-row; the long name ends above that row's top.
    assert name_lowest - next_name > 5.5 * 72 / 25.4
    text = " ".join(" ".join(_pages(output)).split())
    assert "Bertta Brander" in text and "Korhonen-Virtanen" in text


@pytest.mark.parametrize("count", range(12, 24))
def test_signature_block_never_goes_to_a_page_without_rows(tmp_path, count):
    members = [(f"Member{i:02d} Surname", f"Company {i:02d}") for i in range(count)]
    pages = _pages(signin_pdf(_sheet(members), tmp_path / f"{count}.pdf"))
    signature_pages = [p for p in pages if "Tutor's signature" in p]
    assert len(signature_pages) == 1
    assert signature_pages[0] is pages[-1]
    last_row = count + 5  # the members, then five blank rows
    assert f"\n{last_row}\n" in pages[-1]  # rows of the register go with it


def test_lead_tutor_is_named_first_on_the_sheet(sessions, tmp_path):
    seeded = seed_group(sessions, meetings=1)
    with sessions.begin() as s:
        co = Tutor(name="Aaro Alanko")  # sorts before the lead by name
        s.add(co)
        s.flush()
        s.add(GroupTutor(group_id=seeded.group_id, tutor_id=co.id, role=TutorRole.CO_TUTOR))
    sheet = signin_data(sessions, seeded.meeting_ids[0])
    assert sheet.tutors == ("Aino Aaltonen", "Aaro Alanko")
    page = _pages(signin_pdf(sheet, tmp_path / "t.pdf"))[0]
    assert "Aino Aaltonen, Aaro Alanko" in page


# ---------------------------------------------------------------- C: one language


def _meeting_with_method(sessions, language: str):
    ensure_builtin_library(sessions)
    set_language(language)
    try:
        meeting = make_meeting(sessions, datetime(2026, 12, 3, 17, 0), 120)
        add_method_to_agenda(sessions, meeting.id, builtin_method_id("commitments-round"))
        edited = add_method_to_agenda(sessions, meeting.id, builtin_method_id("commitments-round"))
    finally:
        set_language("en")
    return meeting, edited


def _print_agenda(sessions, meeting_id, path, language):
    set_language(language)
    try:
        request = PrintRequest(session_id=meeting_id)
        return " ".join("".join(_pages(print_document("agenda", sessions, path, request))).split())
    finally:
        set_language("en")


def _method_name(sessions, language):
    from pierglass_desktop.services.methods import list_method_details

    (method,) = list_method_details(sessions, [builtin_method_id("commitments-round")])
    return method.name[language]


@pytest.mark.parametrize(("added_in", "printed_in"), [("en", "fi"), ("fi", "en")])
def test_library_items_print_in_the_language_of_the_handout(
    sessions, tmp_path, added_in, printed_in
):
    from pierglass_desktop.services.agenda import AgendaItemInput

    meeting, edited = _meeting_with_method(sessions, added_in)
    edit_agenda_item(sessions, edited.id, AgendaItemInput("Oma otsikko – my own", 15))
    text = _print_agenda(sessions, meeting.id, tmp_path / "a.pdf", printed_in)
    assert _method_name(sessions, printed_in) in text
    assert _method_name(sessions, added_in) not in text
    assert "Oma otsikko – my own" in text  # the tutor's own words stay as written


@pytest.mark.parametrize(("added_in", "printed_in"), [("en", "fi"), ("fi", "en")])
def test_template_items_print_in_the_language_of_the_script(
    sessions, tmp_path, added_in, printed_in
):
    from pierglass_desktop.services.builtin_methods import builtin_template_id
    from pierglass_desktop.services.methods import list_method_details
    from pierglass_desktop.services.templates import apply_template

    ensure_builtin_library(sessions)
    meeting = make_meeting(sessions, datetime(2026, 12, 3, 17, 0), 180)
    set_language(added_in)
    try:
        apply_template(sessions, builtin_template_id("kick-off-meeting"), meeting.id)
    finally:
        set_language("en")
    set_language(printed_in)
    try:
        request = PrintRequest(session_id=meeting.id)
        output = print_document("script", sessions, tmp_path / "s.pdf", request)
    finally:
        set_language("en")
    text = " ".join("".join(_pages(output)).split())
    (method,) = list_method_details(sessions, [builtin_method_id("group-agreement")])
    assert method.name[printed_in] in text
    assert " ".join(method.steps[printed_in].split()[:4]) in text
    assert method.name[added_in] not in text


# ---------------------------------------------------------------- D: chosen cards


def test_cards_of_chosen_methods_four_to_a_page_with_cut_lines(sessions, tmp_path):
    ensure_builtin_library(sessions)
    ids = [builtin_method_id(m) for m in ("commitments-round",)] + [
        m.id for m in cards_data(sessions).methods[:4]
    ]
    ids = list(dict.fromkeys(ids))[:5]
    request = PrintRequest(method_ids=tuple(ids), per_page=4)
    output = print_document("cards", sessions, tmp_path / "cards.pdf", request)
    _qpdf_ok(output)
    assert len(PdfReader(output).pages) == 2  # five cards, four a page
    two = print_document(
        "cards", sessions, tmp_path / "two.pdf", PrintRequest(method_ids=tuple(ids), per_page=2)
    )
    assert len(PdfReader(two).pages) == 3


def test_cards_of_a_templates_methods(sessions, tmp_path):
    ensure_builtin_library(sessions)
    template = next(t for t in list_templates(sessions) if t.item_count > 1)
    deck = cards_data(sessions, template_id=template.id)
    assert 0 < len(deck.methods) < 37
    request = PrintRequest(template_id=template.id, per_page=1)
    output = print_document("cards", sessions, tmp_path / "t.pdf", request)
    assert len(PdfReader(output).pages) == len(deck.methods)


# ---------------------------------------------------------------- E: data and rendering apart


def test_no_report_module_reads_the_database():
    for path in REPORTS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert not name.startswith("sqlalchemy"), path.name
                assert not name.startswith("pierglass_desktop.domain.models"), path.name
                assert not name.startswith("pierglass_desktop.storage"), path.name


def test_every_printable_names_real_functions_and_prints_the_signin_sheet(sessions, tmp_path):
    assert set(PRINTABLES) == {"agenda", "script", "signin", "cards"}
    for printable in PRINTABLES.values():
        assert callable(printable.data) and callable(printable.render)
    seeded = seed_group(sessions, meetings=1)
    request = PrintRequest(session_id=seeded.meeting_ids[0])
    output = print_document("signin", sessions, tmp_path / "s.pdf", request)
    assert "Aino Aaltonen" in _pages(output)[0]


def test_cards_per_page_other_than_one_two_or_four_is_refused(sessions):
    from pierglass_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        cards_data(sessions, per_page=3)


def test_sheet_members_come_from_the_day_of_the_session(sessions):
    from meeting_fixtures import set_membership

    seeded = seed_group(sessions, meetings=2)
    set_membership(sessions, seeded.group_id, seeded.participant_ids[0], date(2026, 10, 1))
    first = signin_data(sessions, seeded.meeting_ids[0])
    assert len(first.members) == len(seeded.participant_ids) - 1


# ---------------------------------------------------------------- any text at all

# Format characters (soft hyphen, joiners) are hints that Paragraph rightly drops.
_ANY_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cf"), max_codepoint=0x1FAFF) | st.just("\n"),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(_ANY_TEXT)
def test_any_user_text_becomes_a_paragraph_that_prints_it_literally(value):
    from reportlab.platypus import Paragraph

    from pierglass_desktop.reports.pdf_base import styles

    paragraph = Paragraph(user_text(value), styles()["body"])  # never a markup error
    paragraph.wrap(300, 1000)
    plain = paragraph.getPlainText()
    if not any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in value):
        # Paragraph folds white space and line breaks; every other character prints as typed.
        assert "".join(plain.split()) == "".join(value.split())
