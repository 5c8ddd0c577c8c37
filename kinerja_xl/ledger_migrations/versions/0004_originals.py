"""Schema 4: the originals' bytes in the ledger, and one revision number per (period, bidang).

``originals`` holds each recorded file's bytes once (by SHA-256), so a server on another machine
can serve any of them and ``kinerja-xl arsip ekspor`` can write them back out. The unique index
lets the database, not the program, refuse two processes giving two files of one bidang the same
revision number (the later transaction retries).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "originals",
        sa.Column("sha256", sa.Text, primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_index("submissions_revision", "submissions", ["period", "bidang", "revision"], unique=True)


def downgrade() -> None:
    op.drop_index("submissions_revision", "submissions")
    op.drop_table("originals")
