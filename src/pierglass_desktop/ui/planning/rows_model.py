"""The planning tables' base: the shared ``RowsModel`` with its headers named ``COLUMNS``."""

from __future__ import annotations

from collections.abc import Sequence

from pierglass_desktop.ui.models.table import RowsModel as _SharedRowsModel


class RowsModel(_SharedRowsModel):
    """Subclasses name their ``COLUMNS`` (marked with N_) and answer ``data``."""

    COLUMNS: tuple[str, ...] = ()

    def header_titles(self) -> Sequence[str]:
        return self.COLUMNS
