"""crawler: raw page index, fetch log, conditional GET state, article MinHash fingerprints

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import store.types

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conditional_get",
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("outlet_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("etag", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("last_modified", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("checked_at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlet.id"], name=op.f("fk_conditional_get_outlet_id_outlet")),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_conditional_get")),
    )
    op.create_table(
        "raw_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("fetched_at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("state IN ('article', 'not_article')", name=op.f("ck_raw_page_state")),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlet.id"], name=op.f("fk_raw_page_outlet_id_outlet")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_page")),
        sa.UniqueConstraint("url", "sha256", name="uq_raw_page"),
    )
    op.create_index(op.f("ix_raw_page_outlet_id"), "raw_page", ["outlet_id"], unique=False)
    op.create_index(op.f("ix_raw_page_url"), "raw_page", ["url"], unique=False)
    op.create_table(
        "article_fingerprint",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("num_perm", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"],
                                name=op.f("fk_article_fingerprint_article_id_article")),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_fingerprint")),
    )
    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("at", store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('robots', 'feed', 'sitemap', 'category', 'article')",
                           name=op.f("ck_fetch_log_kind")),
        sa.CheckConstraint(
            "outcome IN ('new', 'updated', 'unchanged', 'not_modified', 'parsed', 'skipped', 'failed')",
            name=op.f("ck_fetch_log_outcome"),
        ),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_fetch_log_article_id_article")),
        sa.ForeignKeyConstraint(["crawl_run_id"], ["crawl_run.id"], name=op.f("fk_fetch_log_crawl_run_id_crawl_run")),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlet.id"], name=op.f("fk_fetch_log_outlet_id_outlet")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetch_log")),
    )
    op.create_index(op.f("ix_fetch_log_article_id"), "fetch_log", ["article_id"], unique=False)
    op.create_index("ix_fetch_log_run_outcome", "fetch_log", ["crawl_run_id", "outcome"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_fetch_log_run_outcome", table_name="fetch_log")
    op.drop_index(op.f("ix_fetch_log_article_id"), table_name="fetch_log")
    op.drop_table("fetch_log")
    op.drop_table("article_fingerprint")
    op.drop_index(op.f("ix_raw_page_url"), table_name="raw_page")
    op.drop_index(op.f("ix_raw_page_outlet_id"), table_name="raw_page")
    op.drop_table("raw_page")
    op.drop_table("conditional_get")
