"""analysis: the analysed content's hash, one analysis per analyser version and content, longer analyser versions

Revision ID: 0006
Revises: 0005

An article edited after its analysis must be analysed again even when the analyser did not
change, and the analysis of the earlier text must stay (reviews may be attached to its
findings): the unique key becomes (article, analyser version, content hash). Analyses made
before this revision have no hash (NULL) and are therefore analysed once more. Analyser
versions now carry a digest of each stage's data files and no longer fit in 64 characters.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.alter_column("analyser_version", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64),
                              type_=sqlmodel.sql.sqltypes.AutoString(length=128), existing_nullable=False)
        batch_op.drop_constraint("uq_analysis_version", type_="unique")
        batch_op.create_unique_constraint("uq_analysis_version_content",
                                          ["article_id", "analyser_version", "content_hash"])


def downgrade() -> None:
    # The old key allows one analysis per article and analyser version. Analyses of earlier
    # texts carry reviews, so they are never deleted here: downgrading stops instead.
    duplicated = op.get_bind().execute(sa.text(
        "SELECT COUNT(*) FROM (SELECT article_id FROM analysis "
        "GROUP BY article_id, analyser_version HAVING COUNT(*) > 1) AS repeated"
    )).scalar()
    if duplicated:
        raise RuntimeError(f"cannot downgrade below 0006: {duplicated} article(s) have analyses of "
                           "several texts by the same analyser version")
    with op.batch_alter_table("analysis", schema=None) as batch_op:
        batch_op.drop_constraint("uq_analysis_version_content", type_="unique")
        batch_op.create_unique_constraint("uq_analysis_version", ["article_id", "analyser_version"])
        batch_op.alter_column("analyser_version", existing_type=sqlmodel.sql.sqltypes.AutoString(length=128),
                              type_=sqlmodel.sql.sqltypes.AutoString(length=64), existing_nullable=False)
        batch_op.drop_column("content_hash")
