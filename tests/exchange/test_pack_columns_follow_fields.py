"""A library pack bounds each column exactly as the form and the service bound the field."""

from __future__ import annotations

import pytest

from pierglass_desktop.domain.fields import (
    MATERIAL,
    MATERIAL_LINK,
    METHOD,
    PLAN_TEMPLATE,
    TEMPLATE_ITEM,
    Kind,
)
from pierglass_desktop.exchange.library_pack import LIBRARY_FORMAT
from pierglass_desktop.exchange.limits import CELL_TEXT_LIMIT

ENTITIES = {
    "methods": METHOD,
    "templates": PLAN_TEMPLATE,
    "template_items": TEMPLATE_ITEM,
    "materials": MATERIAL,
    "material_links": MATERIAL_LINK,
}


def _shared_columns():
    for sheet in LIBRARY_FORMAT.sheets:
        entity = ENTITIES.get(sheet.name)
        keys = set(entity.keys()) if entity else set()
        for column in sheet.columns:
            if column.key in keys and entity[column.key].kind is not Kind.REFERENCE:
                yield pytest.param(column, entity[column.key], id=f"{sheet.name}.{column.key}")


@pytest.mark.parametrize(("column", "spec"), list(_shared_columns()))
def test_facilitator_pack_accepts_what_the_form_accepts_and_no_more(column, spec):
    if column.kind == "int":
        assert column.low == spec.minimum
        if spec.maximum is not None:
            assert column.high == spec.maximum
    elif spec.max_length is not None:
        assert column.max_length == min(spec.max_length, CELL_TEXT_LIMIT)


def test_template_item_columns_are_all_checked():
    checked = {p.id for p in _shared_columns()}
    assert {"template_items.title", "template_items.position", "methods.group_max"} <= checked
