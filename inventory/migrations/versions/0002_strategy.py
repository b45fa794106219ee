"""strategy: targets, projects, milestones, narratives, revisions

Revision ID: 0002_strategy
Revises: 0001_register
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002_strategy'
down_revision = '0001_register'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_narrative',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_key', sa.String(length=40), nullable=False),
    sa.Column('handlungsfeld_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_name', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handlungsfeld_id'], ['handlungsfeld.id'], name=op.f('fk_report_narrative_handlungsfeld_id_handlungsfeld'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_narrative')),
    sa.UniqueConstraint('period_key', 'handlungsfeld_id', name='period_field')
    )
    with op.batch_alter_table('report_narrative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_narrative_period_key'), ['period_key'], unique=False)

    op.create_table('strategy_project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handlungsfeld_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('responsible', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('outlook', sa.Boolean(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('finished_on', sa.Date(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handlungsfeld_id'], ['handlungsfeld.id'], name=op.f('fk_strategy_project_handlungsfeld_id_handlungsfeld'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_project'))
    )
    with op.batch_alter_table('strategy_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_project_handlungsfeld_id'), ['handlungsfeld_id'], unique=False)

    op.create_table('strategy_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_by_name', sa.String(length=200), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['app_user.id'], name=op.f('fk_strategy_revision_changed_by_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_revision'))
    )
    with op.batch_alter_table('strategy_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_revision_changed_at'), ['changed_at'], unique=False)
        batch_op.create_index('ix_strategy_revision_entity', ['entity', 'entity_id', 'changed_at'], unique=False)

    op.create_table('strategy_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handlungsfeld_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('rule', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('responsible', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handlungsfeld_id'], ['handlungsfeld.id'], name=op.f('fk_strategy_target_handlungsfeld_id_handlungsfeld'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_target'))
    )
    with op.batch_alter_table('strategy_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_target_handlungsfeld_id'), ['handlungsfeld_id'], unique=False)

    op.create_table('strategy_milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['strategy_project.id'], name=op.f('fk_strategy_milestone_project_id_strategy_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_strategy_milestone'))
    )
    with op.batch_alter_table('strategy_milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_milestone_project_id'), ['project_id'], unique=False)

    op.create_table('strategy_project_dependency',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('depends_on_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['depends_on_id'], ['strategy_project.id'], name=op.f('fk_strategy_project_dependency_depends_on_id_strategy_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['strategy_project.id'], name=op.f('fk_strategy_project_dependency_project_id_strategy_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'depends_on_id', name=op.f('pk_strategy_project_dependency'))
    )
    with op.batch_alter_table('strategy_project_dependency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_project_dependency_depends_on_id'), ['depends_on_id'], unique=False)

    op.create_table('strategy_project_service',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['strategy_project.id'], name=op.f('fk_strategy_project_service_project_id_strategy_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_strategy_project_service_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'service_id', name=op.f('pk_strategy_project_service'))
    )
    with op.batch_alter_table('strategy_project_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_project_service_service_id'), ['service_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('strategy_project_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_project_service_service_id'))

    op.drop_table('strategy_project_service')
    with op.batch_alter_table('strategy_project_dependency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_project_dependency_depends_on_id'))

    op.drop_table('strategy_project_dependency')
    with op.batch_alter_table('strategy_milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_milestone_project_id'))

    op.drop_table('strategy_milestone')
    with op.batch_alter_table('strategy_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_target_handlungsfeld_id'))

    op.drop_table('strategy_target')
    with op.batch_alter_table('strategy_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_strategy_revision_entity')
        batch_op.drop_index(batch_op.f('ix_strategy_revision_changed_at'))

    op.drop_table('strategy_revision')
    with op.batch_alter_table('strategy_project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_project_handlungsfeld_id'))

    op.drop_table('strategy_project')
    with op.batch_alter_table('report_narrative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_narrative_period_key'))

    op.drop_table('report_narrative')
