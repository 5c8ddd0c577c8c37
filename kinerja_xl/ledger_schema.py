"""The ledger's schema, declared once for both engines (SQLite and PostgreSQL) with SQLAlchemy Core.

This is the picture of the schema at :data:`SCHEMA_VERSION`. The database gets there through the
Alembic migrations in ``kinerja_xl/ledger_migrations/`` (a test checks that a database migrated to
the head revision equals these tables). Only the migration code imports this module: the ledger's
everyday queries run on the plain DB-API connection (see :mod:`kinerja_xl.ledger_engine`).

Versions: 1 submissions, values, kendala; 2 + anggaran; 3 + the office server's settings,
bidang_links, users, audit; 4 + originals (the files' bytes, for a server on another machine) and
one revision number per (period, bidang) enforced by the database.
"""

from __future__ import annotations

import sqlalchemy as sa

from kinerja_xl.ledger_engine import HEAD_REVISION, REVISIONS, SCHEMA_VERSION

__all__ = ["HEAD_REVISION", "REVISIONS", "SCHEMA_VERSION", "metadata"]

metadata = sa.MetaData()

submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("period", sa.Text, nullable=False),  # the period checked, e.g. 2025-TW1
    sa.Column("bidang", sa.Text),  # NULL when the file could not be attributed
    sa.Column("file_name", sa.Text, nullable=False),  # original file name as received
    sa.Column("rel_path", sa.Text, nullable=False),  # path below the inbox
    sa.Column("sha256", sa.Text, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("received_at", sa.Text, nullable=False),  # ISO 8601, seconds: when the file arrived
    sa.Column("template_version", sa.Text),
    sa.Column("form_id", sa.Text),
    sa.Column("verdict", sa.Text, sa.CheckConstraint("verdict IN ('accepted', 'returned')"), nullable=False),
    sa.Column("findings_json", sa.Text, nullable=False),
    sa.Column("archive_path", sa.Text),  # accepted only: copy below the workspace (POSIX separators)
    sa.Column("revision", sa.Integer),  # accepted only: 0 first, 1.. revisions
    sa.Column("superseded_by", sa.Integer, sa.ForeignKey("submissions.id")),
    sa.UniqueConstraint("period", "sha256"),
    sa.Index("submissions_period_bidang", "period", "bidang"),
    # schema 4: two processes accepting two files of one bidang at once cannot both take a revision
    sa.Index("submissions_revision", "period", "bidang", "revision", unique=True),
)

values = sa.Table(
    "values", metadata,
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True),
    sa.Column("elemen", sa.Text, primary_key=True),
    sa.Column("value", sa.Float),  # NULL = blank
    sa.Column("raw", sa.Text),  # JSON of what was typed
    sa.Column("keterangan", sa.Text),
)

kendala = sa.Table(
    "kendala", metadata,
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True),
    sa.Column("indikator", sa.Text, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
)

anggaran = sa.Table(
    "anggaran", metadata,
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True),
    sa.Column("kode", sa.Text, primary_key=True),  # sub kegiatan kode rekening
    sa.Column("k", sa.Float),  # realisasi kinerja (K) of the quarter
    sa.Column("fisik", sa.Float),  # realisasi fisik s.d. the quarter, %
    sa.Column("rp", sa.Float),  # realisasi keuangan of the quarter, Rp
    sa.Column("pendorong", sa.Text),
    sa.Column("penghambat", sa.Text),
)

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

bidang_links = sa.Table(
    "bidang_links", metadata,
    sa.Column("bidang", sa.Text, primary_key=True),
    sa.Column("token", sa.Text, nullable=False),
    sa.Column("token_sha256", sa.Text, nullable=False, unique=True),
    sa.Column("created_at", sa.Text, nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("password_hash", sa.Text, nullable=False),  # scrypt$n$r$p$salt$hash (base64)
    sa.Column("created_at", sa.Text, nullable=False),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Column("address", sa.Text),
    sa.Index("audit_action_actor", "action", "actor", "at"),
)

#: schema 4: the bytes of every recorded original, once per content (a revision sent twice is one row)
originals = sa.Table(
    "originals", metadata,
    sa.Column("sha256", sa.Text, primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)
