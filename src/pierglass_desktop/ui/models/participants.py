"""Columns of the participant list."""

from __future__ import annotations

from pierglass_desktop.i18n import N_
from pierglass_desktop.ui.models.table import Column, RowTableModel

PARTICIPANT_COLUMNS = (
    Column(N_("Last name"), lambda p: p.last_name),
    Column(N_("First name"), lambda p: p.first_name),
    Column(N_("Company"), lambda p: p.company_name),
    Column(N_("Business ID"), lambda p: p.business_id),
    Column(N_("E-mail"), lambda p: p.email),
    Column(N_("Groups"), lambda p: ", ".join(p.groups)),
    Column(N_("Code"), lambda p: p.pseudonym),
)


def participant_model(parent=None) -> RowTableModel:
    """Rows: ParticipantRow."""
    return RowTableModel(PARTICIPANT_COLUMNS, parent)
