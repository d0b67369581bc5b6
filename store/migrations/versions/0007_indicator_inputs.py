"""indicator inputs stored ready to read: topics as jsonb, people per analysis, speaker gender per quote

Revision ID: 0007
Revises: 0006

A full indicator recompute reads every analysis in scope, its people and its quotes. Three
things it used to work out on each run are now stored when an analysis is saved:

- ``analysis.topics`` becomes jsonb on PostgreSQL: json keeps the text and parses it again for
  every key read, jsonb is stored parsed (SQLite has one JSON type: unchanged there);
- ``analysis.people_count``: "articles with people" no longer looks up ``person``;
- ``quote.speaker_gender``: the linked person's gender ('unknown' without one), so quote
  indicators no longer join ``person``.

Both new columns are filled from the existing rows. Person rows never change once saved, so
the copies cannot drift.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("analysis", "topics", existing_type=sa.JSON(), type_=postgresql.JSONB(),
                        existing_nullable=False, postgresql_using="topics::jsonb")
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.add_column(sa.Column("people_count", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("speaker_gender", sqlmodel.sql.sqltypes.AutoString(length=8),
                                      server_default="unknown", nullable=False))
        batch_op.create_check_constraint(op.f("ck_quote_speaker_gender"),
                                         "speaker_gender IN ('female', 'male', 'unknown')")
    op.execute(
        "UPDATE analysis SET people_count = "
        "(SELECT COUNT(*) FROM person WHERE person.analysis_id = analysis.id) "
        "WHERE EXISTS (SELECT 1 FROM person WHERE person.analysis_id = analysis.id)"
    )
    op.execute(
        "UPDATE quote SET speaker_gender = (SELECT gender FROM person WHERE person.id = quote.person_id) "
        "WHERE person_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_quote_speaker_gender"), type_="check")
        batch_op.drop_column("speaker_gender")
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.drop_column("people_count")
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("analysis", "topics", existing_type=postgresql.JSONB(), type_=sa.JSON(),
                        existing_nullable=False, postgresql_using="topics::json")
