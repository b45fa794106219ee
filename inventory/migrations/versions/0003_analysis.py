"""analysis: analyst decisions on suggested pairs and stored analysis runs

Revision ID: 0003_analysis
Revises: 0001_register
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0003_analysis"
down_revision = "0001_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analysis_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_a", sa.String(length=500), nullable=False),
        sa.Column("step_b", sa.String(length=500), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("label_a", sa.Text(), nullable=True),
        sa.Column("label_b", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["decided_by_id"], ["app_user.id"],
                                name=op.f("fk_analysis_decision_decided_by_id_app_user"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analysis_decision")),
        sa.UniqueConstraint("step_a", "step_b", name=op.f("uq_analysis_decision_step_a")),
    )
    op.create_table(
        "analysis_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("model_count", sa.Integer(), nullable=False),
        sa.Column("statistics", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["app_user.id"],
                                name=op.f("fk_analysis_run_created_by_id_app_user"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analysis_run")),
    )


def downgrade() -> None:
    op.drop_table("analysis_run")
    op.drop_table("analysis_decision")
