"""Columns of the participant list."""

from __future__ import annotations

from pierglass_desktop.domain.fields import PARTICIPANT
from pierglass_desktop.i18n import N_
from pierglass_desktop.ui.models.table import Column, RowTableModel


def _by_name(p) -> str:
    """Last name, then first name: the NUL between them sorts "Aalto" before "Aaltonen"."""
    return f"{p.last_name}\0{p.first_name}"


PARTICIPANT_COLUMNS = (
    Column(PARTICIPANT["last_name"].label, lambda p: p.last_name, _by_name),
    Column(PARTICIPANT["first_name"].label, lambda p: p.first_name),
    Column(PARTICIPANT["company_name"].label, lambda p: p.company_name),
    Column(PARTICIPANT["business_id"].label, lambda p: p.business_id),
    Column(PARTICIPANT["email"].label, lambda p: p.email),
    Column(N_("Groups"), lambda p: ", ".join(p.groups)),
    Column(PARTICIPANT["pseudonym"].label, lambda p: p.pseudonym),
)


def participant_model(parent=None) -> RowTableModel:
    """Rows: ParticipantRow."""
    return RowTableModel(PARTICIPANT_COLUMNS, parent)
