"""Alembic, loaded only when a database actually needs a migration (it costs start-up time)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.connect() as connection:
        command.upgrade(_config(connection), target)
        connection.commit()


def upgrade_connection(connection: Connection, target: str = "head") -> None:
    """Upgrade inside the caller's transaction (a server database, under its opening lock)."""
    from alembic import command

    command.upgrade(_config(connection), target)


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    with engine.connect() as connection:
        command.downgrade(_config(connection), target)
        connection.commit()
