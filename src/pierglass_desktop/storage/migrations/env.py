"""Alembic environment: always run on a connection the program hands over, in one transaction."""

from alembic import context

from pierglass_desktop.domain.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run only through pierglass_desktop.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # With the engine's own BEGIN, DDL and the version stamp commit or roll back together.
    transactional_ddl=True,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
