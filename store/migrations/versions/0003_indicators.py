"""indicator engine: byline gender counts, band upper targets, rate-ratio counts, province targets, own-journalism index

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import store.types

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOT_OWN = sa.text("wire_source IS NOT NULL OR syndicated_from_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.add_column(sa.Column("byline_women", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("byline_men", sa.Integer(), nullable=True))
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_high", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ref_numerator", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ref_denominator", sa.Float(), nullable=True))
    op.create_table(
        "indicator_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("province", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("indicator_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("target_high", sa.Float(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("target_high IS NULL OR target <= target_high",
                           name=op.f("ck_indicator_target_band")),
        sa.ForeignKeyConstraint(["updated_by"], ["user.id"],
                                name=op.f("fk_indicator_target_updated_by_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_target")),
        sa.UniqueConstraint("province", "indicator_id", name="uq_indicator_target"),
    )
    op.create_index("ix_article_not_own", "article", ["id"], unique=False,
                    sqlite_where=_NOT_OWN, postgresql_where=_NOT_OWN)


def downgrade() -> None:
    op.drop_index("ix_article_not_own", table_name="article")
    op.drop_table("indicator_target")
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_column("ref_denominator")
        batch_op.drop_column("ref_numerator")
        batch_op.drop_column("target_high")
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.drop_column("byline_men")
        batch_op.drop_column("byline_women")
