"""ladders: "visualise, then do" ladders, their steps, threat ratings and tries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ladders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("movement", sa.Text(), nullable=False),
        sa.Column("template", sa.String(length=40), nullable=False),
        sa.Column("current_step_id", sa.Integer(), nullable=True),
        sa.Column("current_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("days", sa.String(length=20), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("profile_id", "movement"),
    )
    op.create_index("ix_ladders_profile_id", "ladders", ["profile_id"])
    op.create_table(
        "ladder_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ladder_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ladder_id"], ["ladders.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ladder_steps_ladder_id", "ladder_steps", ["ladder_id"])
    op.create_table(
        "threat_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("threat", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["step_id"], ["ladder_steps.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_threat_ratings_step_id", "threat_ratings", ["step_id"])
    op.create_table(
        "ladder_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("flare", sa.Boolean(), nullable=False),
        sa.Column("expected_pain", sa.Integer(), nullable=False),
        sa.Column("expected_harm", sa.Integer(), nullable=False),
        sa.Column("fear", sa.Integer(), nullable=False),
        sa.Column("feared_outcome", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actual_pain", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("surprise", sa.Text(), nullable=False),
        sa.Column("new_symptom", sa.Boolean(), nullable=False),
        sa.Column("followed_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_day_pain", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["step_id"], ["ladder_steps.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ladder_attempts_step_id", "ladder_attempts", ["step_id"])
    op.create_index("ix_ladder_attempts_started_at", "ladder_attempts", ["started_at"])


def downgrade() -> None:
    op.drop_table("ladder_attempts")
    op.drop_table("threat_ratings")
    op.drop_table("ladder_steps")
    op.drop_table("ladders")
