"""Alembic environment of the ledger: run by :func:`kinerja_xl.ledger_engine.migrate` on a connection it hands over.

There is no alembic.ini: the ledger's migrations are run by kinerja-xl itself (``kinerja-xl db periksa
--migrasi``, or automatically when a command opens an older ledger), on the connection in
``config.attributes["connection"]``, inside the transaction that connection already holds (SQLite:
``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock), so two processes never migrate at once.
"""

from alembic import context

from kinerja_xl.ledger_schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
