"""Every stored field has one spec, and the spec agrees with the schema."""

from __future__ import annotations

import pytest
from sqlalchemy import Enum, String

from pierglass_desktop.domain import fields
from pierglass_desktop.domain.base import Base
from pierglass_desktop.domain.fields import ENTITIES, LONG_TEXT_LIMIT, PARTICIPANT, Kind
from pierglass_desktop.domain.models import Participant

STAMPS = {"id", "created_at", "updated_at", "origin", "deleted_at"}
MAPPED = sorted((m.class_ for m in Base.registry.mappers), key=lambda c: c.__name__)


@pytest.mark.parametrize("model", MAPPED, ids=lambda m: m.__name__)
def test_every_column_of_every_entity_has_exactly_one_spec(model):
    own = [c.name for c in model.__table__.columns if c.name not in STAMPS]
    entity = fields.fields_of(model)
    assert sorted(entity.keys()) == sorted(own)
    assert len(set(entity.keys())) == len(entity.keys())


def test_each_entity_is_listed_once():
    assert len({entity.model for entity in ENTITIES}) == len(ENTITIES) == len(MAPPED)


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.model.__name__)
def test_lengths_come_from_the_columns(entity):
    for spec in entity:
        column = entity.model.__table__.c[spec.key]
        if isinstance(column.type, Enum):
            assert spec.kind is Kind.CHOICE and spec.enum is column.type.enum_class
        elif isinstance(column.type, String) and column.type.length:
            assert spec.max_length == column.type.length, spec.key
        elif spec.kind is Kind.LONG_TEXT:
            assert spec.max_length == LONG_TEXT_LIMIT


def test_participant_fields_say_what_people_type():
    assert PARTICIPANT["email"].kind is Kind.EMAIL
    assert PARTICIPANT["business_id"].kind is Kind.BUSINESS_ID
    assert PARTICIPANT.limit("first_name") == Participant.__table__.c.first_name.type.length
    assert PARTICIPANT["gender"].kind is Kind.CHOICE and PARTICIPANT["gender"].enum is not None
    assert [s.key for s in PARTICIPANT if s.required] == ["first_name", "last_name"]


def test_references_name_the_table_they_point_at():
    assert fields.MEMBERSHIP["group_id"].target == "groups"
    assert fields.ATTENDANCE["participant_id"].target == "participants"


def test_captions_are_translated(finnish):
    assert PARTICIPANT["first_name"].caption() == "Etunimi"
    assert all(spec.caption() for entity in ENTITIES for spec in entity)
    assert PARTICIPANT.caption() != "Participant"
