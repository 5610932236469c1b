"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "audit_entries",
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entries_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "groups",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "face_to_face", "online", "hybrid", name="groupmode", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned", "active", "finished", name="groupstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
    )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_groups_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "import_records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_origin", sa.String(length=36), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("backup_path", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_records")),
    )
    with op.batch_alter_table("import_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_records_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_import_records_source_origin"), ["source_origin"], unique=False
        )

    op.create_table(
        "instruments",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("version", sa.String(length=16), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instruments")),
        sa.UniqueConstraint("code", name=op.f("uq_instruments_code")),
    )
    with op.batch_alter_table("instruments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_instruments_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "materials",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_materials")),
        sa.UniqueConstraint("sha256", name=op.f("uq_materials_sha256")),
    )
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_materials_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "methods",
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("purpose", sa.JSON(), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("group_min", sa.Integer(), nullable=True),
        sa.Column("group_max", sa.Integer(), nullable=True),
        sa.Column(
            "category",
            sa.Enum(
                "opening",
                "reflection",
                "peer_learning",
                "expert",
                "development",
                "wellbeing",
                "digital",
                "closing",
                "break",
                name="methodcategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("copied_from_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["copied_from_id"], ["methods.id"], name=op.f("fk_methods_copied_from_id_methods")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_methods")),
    )
    with op.batch_alter_table("methods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_methods_copied_from_id"), ["copied_from_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_methods_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "participants",
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=False),
        sa.Column("business_id", sa.String(length=9), nullable=False),
        sa.Column(
            "company_size",
            sa.Enum(
                "sole", "micro", "small", "medium", name="companysize", native_enum=False, length=32
            ),
            nullable=True,
        ),
        sa.Column("sector", sa.String(length=100), nullable=False),
        sa.Column("job_title", sa.String(length=100), nullable=False),
        sa.Column(
            "consent_scope",
            sa.Enum("reporting", "sharing", name="consentscope", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column(
            "gender",
            sa.Enum(
                "female",
                "male",
                "non_binary",
                "not_told",
                name="gender",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column(
            "labour_status",
            sa.Enum(
                "employed",
                "unemployed",
                "long_term_unemployed",
                "inactive",
                name="labourstatus",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "education",
            sa.Enum(
                "isced_0_2",
                "isced_3_4",
                "isced_5_8",
                name="educationband",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("pseudonym", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participants_business_id"), ["business_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_participants_pseudonym"), ["pseudonym"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_participants_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "plan_templates",
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_templates")),
    )
    with op.batch_alter_table("plan_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_templates_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "tutors",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tutors")),
    )
    with op.batch_alter_table("tutors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tutors_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "assessment_responses",
        sa.Column("instrument_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column(
            "phase",
            sa.Enum(
                "start",
                "mid",
                "end",
                "follow_up",
                name="assessmentphase",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_assessment_responses_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.id"],
            name=op.f("fk_assessment_responses_instrument_id_instruments"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_assessment_responses_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_responses")),
    )
    with op.batch_alter_table("assessment_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_responses_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_responses_instrument_id"), ["instrument_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_responses_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_responses_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "group_tutors",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("tutor_id", sa.String(length=36), nullable=False),
        sa.Column(
            "role",
            sa.Enum("lead", "co_tutor", name="tutorrole", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_group_tutors_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["tutor_id"], ["tutors.id"], name=op.f("fk_group_tutors_tutor_id_tutors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_tutors")),
        sa.UniqueConstraint("group_id", "tutor_id", name=op.f("uq_group_tutors_group_id_tutor_id")),
    )
    with op.batch_alter_table("group_tutors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_tutors_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_group_tutors_tutor_id"), ["tutor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_group_tutors_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "memberships",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_memberships_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_memberships_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memberships_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_memberships_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_memberships_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "series_plans",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("skip_dates", sa.JSON(), nullable=False),
        sa.Column("template_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_series_plans_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["plan_templates.id"],
            name=op.f("fk_series_plans_template_id_plan_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series_plans")),
    )
    with op.batch_alter_table("series_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_plans_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_series_plans_template_id"), ["template_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_series_plans_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "template_items",
        sa.Column("template_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("method_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("materials", sa.Text(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "opening",
                "reflection",
                "peer_learning",
                "expert",
                "development",
                "wellbeing",
                "digital",
                "closing",
                "break",
                name="methodcategory",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("is_break", sa.Boolean(), nullable=False),
        sa.Column(
            "member_role",
            sa.Enum(
                "host", "timekeeper", "note_taker", name="memberrole", native_enum=False, length=32
            ),
            nullable=True,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["method_id"], ["methods.id"], name=op.f("fk_template_items_method_id_methods")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["plan_templates.id"],
            name=op.f("fk_template_items_template_id_plan_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_items")),
    )
    with op.batch_alter_table("template_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_template_items_method_id"), ["method_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_template_items_template_id"), ["template_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_template_items_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "answers",
        sa.Column("response_id", sa.String(length=36), nullable=False),
        sa.Column("item_key", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["assessment_responses.id"],
            name=op.f("fk_answers_response_id_assessment_responses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint(
            "response_id", "item_key", name=op.f("uq_answers_response_id_item_key")
        ),
    )
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answers_response_id"), ["response_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_answers_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("actual_minutes", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("online_link", sa.String(length=500), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned", "held", "cancelled", name="meetingstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by", sa.String(length=200), nullable=False),
        sa.Column("series_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_meetings_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series_plans.id"], name=op.f("fk_meetings_series_id_series_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "agenda_items",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("method_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("actual_minutes", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("materials", sa.Text(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "opening",
                "reflection",
                "peer_learning",
                "expert",
                "development",
                "wellbeing",
                "digital",
                "closing",
                "break",
                name="methodcategory",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("is_break", sa.Boolean(), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column(
            "member_role",
            sa.Enum(
                "host", "timekeeper", "note_taker", name="memberrole", native_enum=False, length=32
            ),
            nullable=True,
        ),
        sa.Column("responsible_participant_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_agenda_items_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["method_id"], ["methods.id"], name=op.f("fk_agenda_items_method_id_methods")
        ),
        sa.ForeignKeyConstraint(
            ["responsible_participant_id"],
            ["participants.id"],
            name=op.f("fk_agenda_items_responsible_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
    )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_items_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_agenda_items_method_id"), ["method_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agenda_items_responsible_participant_id"),
            ["responsible_participant_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_agenda_items_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "present",
                "late",
                "left_early",
                "excused",
                "absent",
                name="attendancestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("arrived_at", sa.Time(), nullable=True),
        sa.Column("left_at", sa.Time(), nullable=True),
        sa.Column("minutes_attended", sa.Integer(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_attendance_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_attendance_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "meeting_id", "participant_id", name=op.f("uq_attendance_meeting_id_participant_id")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attendance_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attendance_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "commitments",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "follow_up",
            sa.Enum(
                "done",
                "partly",
                "not_done",
                "dropped",
                name="followup",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("follow_up_comment", sa.Text(), nullable=False),
        sa.Column("reviewed_at_meeting_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_commitments_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_commitments_participant_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_at_meeting_id"],
            ["meetings.id"],
            name=op.f("fk_commitments_reviewed_at_meeting_id_meetings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitments_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_commitments_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_commitments_reviewed_at_meeting_id"),
            ["reviewed_at_meeting_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_commitments_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "meeting_feedback",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("usefulness", sa.Integer(), nullable=True),
        sa.Column("atmosphere", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_feedback_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_feedback")),
    )
    with op.batch_alter_table("meeting_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_feedback_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_feedback_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "notes",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("participant_id", sa.String(length=36), nullable=True),
        sa.Column(
            "visibility",
            sa.Enum(
                "private", "project", "group", name="notevisibility", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], name=op.f("fk_notes_group_id_groups")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_notes_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_notes_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notes_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notes_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notes_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "material_links",
        sa.Column("material_id", sa.String(length=36), nullable=False),
        sa.Column("method_id", sa.String(length=36), nullable=True),
        sa.Column("template_id", sa.String(length=36), nullable=True),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("agenda_item_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_material_links_agenda_item_id_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["material_id"], ["materials.id"], name=op.f("fk_material_links_material_id_materials")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_material_links_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["method_id"], ["methods.id"], name=op.f("fk_material_links_method_id_methods")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["plan_templates.id"],
            name=op.f("fk_material_links_template_id_plan_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_material_links")),
    )
    with op.batch_alter_table("material_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_material_links_agenda_item_id"), ["agenda_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_material_links_material_id"), ["material_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_material_links_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_material_links_method_id"), ["method_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_material_links_template_id"), ["template_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_material_links_updated_at"), ["updated_at"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("material_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_material_links_updated_at"))
        batch_op.drop_index(batch_op.f("ix_material_links_template_id"))
        batch_op.drop_index(batch_op.f("ix_material_links_method_id"))
        batch_op.drop_index(batch_op.f("ix_material_links_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_material_links_material_id"))
        batch_op.drop_index(batch_op.f("ix_material_links_agenda_item_id"))

    op.drop_table("material_links")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_updated_at"))
        batch_op.drop_index(batch_op.f("ix_notes_participant_id"))
        batch_op.drop_index(batch_op.f("ix_notes_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_notes_group_id"))

    op.drop_table("notes")
    with op.batch_alter_table("meeting_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_feedback_updated_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_feedback_meeting_id"))

    op.drop_table("meeting_feedback")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_updated_at"))
        batch_op.drop_index(batch_op.f("ix_commitments_reviewed_at_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_participant_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_meeting_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_updated_at"))
        batch_op.drop_index(batch_op.f("ix_attendance_participant_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_items_updated_at"))
        batch_op.drop_index(batch_op.f("ix_agenda_items_responsible_participant_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_items_method_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_items_meeting_id"))

    op.drop_table("agenda_items")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_updated_at"))
        batch_op.drop_index(batch_op.f("ix_meetings_series_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_group_id"))

    op.drop_table("meetings")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answers_updated_at"))
        batch_op.drop_index(batch_op.f("ix_answers_response_id"))

    op.drop_table("answers")
    with op.batch_alter_table("template_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_template_items_updated_at"))
        batch_op.drop_index(batch_op.f("ix_template_items_template_id"))
        batch_op.drop_index(batch_op.f("ix_template_items_method_id"))

    op.drop_table("template_items")
    with op.batch_alter_table("series_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_plans_updated_at"))
        batch_op.drop_index(batch_op.f("ix_series_plans_template_id"))
        batch_op.drop_index(batch_op.f("ix_series_plans_group_id"))

    op.drop_table("series_plans")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_updated_at"))
        batch_op.drop_index(batch_op.f("ix_memberships_participant_id"))
        batch_op.drop_index(batch_op.f("ix_memberships_group_id"))

    op.drop_table("memberships")
    with op.batch_alter_table("group_tutors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_tutors_updated_at"))
        batch_op.drop_index(batch_op.f("ix_group_tutors_tutor_id"))
        batch_op.drop_index(batch_op.f("ix_group_tutors_group_id"))

    op.drop_table("group_tutors")
    with op.batch_alter_table("assessment_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_responses_updated_at"))
        batch_op.drop_index(batch_op.f("ix_assessment_responses_participant_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_responses_instrument_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_responses_group_id"))

    op.drop_table("assessment_responses")
    with op.batch_alter_table("tutors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tutors_updated_at"))

    op.drop_table("tutors")
    with op.batch_alter_table("plan_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_templates_updated_at"))

    op.drop_table("plan_templates")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_updated_at"))
        batch_op.drop_index(batch_op.f("ix_participants_pseudonym"))
        batch_op.drop_index(batch_op.f("ix_participants_business_id"))

    op.drop_table("participants")
    with op.batch_alter_table("methods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_methods_updated_at"))
        batch_op.drop_index(batch_op.f("ix_methods_copied_from_id"))

    op.drop_table("methods")
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_materials_updated_at"))

    op.drop_table("materials")
    with op.batch_alter_table("instruments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instruments_updated_at"))

    op.drop_table("instruments")
    with op.batch_alter_table("import_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_records_source_origin"))
        batch_op.drop_index(batch_op.f("ix_import_records_sha256"))

    op.drop_table("import_records")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groups_updated_at"))

    op.drop_table("groups")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_updated_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entries_entity_id"))

    op.drop_table("audit_entries")
    op.drop_table("app_meta")
