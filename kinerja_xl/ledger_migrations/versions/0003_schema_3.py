"""Schema 3: submissions, values, kendala, anggaran and the office server's tables.

The first Alembic revision. It creates whichever of these tables are missing, so it serves a new
database and the SQLite ledgers written before Alembic (``PRAGMA user_version`` 1, 2 or 3) alike.
The tables are written out here as they were at schema 3 (a migration is history: it does not
follow later edits of :mod:`kinerja_xl.ledger_schema`).

Revision ID: 0003
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> dict[str, tuple]:
    return {
        "submissions": (
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("period", sa.Text, nullable=False),
            sa.Column("bidang", sa.Text),
            sa.Column("file_name", sa.Text, nullable=False),
            sa.Column("rel_path", sa.Text, nullable=False),
            sa.Column("sha256", sa.Text, nullable=False),
            sa.Column("size", sa.Integer, nullable=False),
            sa.Column("received_at", sa.Text, nullable=False),
            sa.Column("template_version", sa.Text),
            sa.Column("form_id", sa.Text),
            sa.Column("verdict", sa.Text, sa.CheckConstraint("verdict IN ('accepted', 'returned')"),
                      nullable=False),
            sa.Column("findings_json", sa.Text, nullable=False),
            sa.Column("archive_path", sa.Text),
            sa.Column("revision", sa.Integer),
            sa.Column("superseded_by", sa.Integer, sa.ForeignKey("submissions.id")),
            sa.UniqueConstraint("period", "sha256"),
        ),
        "values": (
            sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True),
            sa.Column("elemen", sa.Text, primary_key=True),
            sa.Column("value", sa.Float),
            sa.Column("raw", sa.Text),
            sa.Column("keterangan", sa.Text),
        ),
        "kendala": (
            sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True),
            sa.Column("indikator", sa.Text, primary_key=True),
            sa.Column("text", sa.Text, nullable=False),
        ),
        "anggaran": (
            sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True),
            sa.Column("kode", sa.Text, primary_key=True),
            sa.Column("k", sa.Float),
            sa.Column("fisik", sa.Float),
            sa.Column("rp", sa.Float),
            sa.Column("pendorong", sa.Text),
            sa.Column("penghambat", sa.Text),
        ),
        "settings": (
            sa.Column("key", sa.Text, primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        ),
        "bidang_links": (
            sa.Column("bidang", sa.Text, primary_key=True),
            sa.Column("token", sa.Text, nullable=False),
            sa.Column("token_sha256", sa.Text, nullable=False, unique=True),
            sa.Column("created_at", sa.Text, nullable=False),
        ),
        "users": (
            sa.Column("name", sa.Text, primary_key=True),
            sa.Column("password_hash", sa.Text, nullable=False),
            sa.Column("created_at", sa.Text, nullable=False),
        ),
        "audit": (
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("at", sa.Text, nullable=False),
            sa.Column("actor", sa.Text, nullable=False),
            sa.Column("action", sa.Text, nullable=False),
            sa.Column("detail", sa.Text, nullable=False, server_default=""),
            sa.Column("address", sa.Text),
        ),
    }


_INDEXES = {"submissions_period_bidang": ("submissions", ["period", "bidang"]),
            "audit_action_actor": ("audit", ["action", "actor", "at"])}


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    for name, columns in _tables().items():
        if name not in existing:
            op.create_table(name, *columns)
    for index, (table, index_columns) in _INDEXES.items():
        if index not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
            op.create_index(index, table, index_columns)


def downgrade() -> None:
    for name in reversed(list(_tables())):
        op.drop_table(name)
