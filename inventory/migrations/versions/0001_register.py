"""register: catalogue, services, history, models, users; seeds the configurable lists

Revision ID: 0001_register
Revises: 
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001_register'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=True),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('admin', 'analyst', 'coordinator', 'viewer')", name=op.f('ck_app_user_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('handlungsfeld',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handlungsfeld')),
    sa.UniqueConstraint('name', name=op.f('uq_handlungsfeld_name'))
    )
    op.create_table('leika_leistung',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.String(length=700), nullable=False),
    sa.Column('schluessel', sa.String(length=14), nullable=True),
    sa.Column('name', sa.String(length=600), nullable=False),
    sa.Column('typ_raw', sa.String(length=100), nullable=True),
    sa.Column('rechtsgrundlage', sa.Text(), nullable=True),
    sa.Column('sdg_anhang1', sa.Boolean(), nullable=False),
    sa.Column('sdg_anhang2', sa.Boolean(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leika_leistung')),
    sa.UniqueConstraint('identity', name=op.f('uq_leika_leistung_identity')),
    sa.UniqueConstraint('schluessel', name=op.f('uq_leika_leistung_schluessel'))
    )
    op.create_index(op.f('ix_leika_leistung_name'), 'leika_leistung', ['name'], unique=False)

    op.create_table('reifegrad_model',
    sa.Column('version', sa.String(length=10), nullable=False),
    sa.Column('min_level', sa.Integer(), nullable=False),
    sa.Column('max_level', sa.Integer(), nullable=False),
    sa.Column('ozg_conformant_level', sa.Integer(), nullable=False),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_reifegrad_model'))
    )
    op.create_table('themenfeld',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themenfeld')),
    sa.UniqueConstraint('name', name=op.f('uq_themenfeld_name'))
    )
    op.create_table('umsetzungs_stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('is_online', sa.Boolean(), nullable=False),
    sa.Column('is_closed', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_umsetzungs_stage')),
    sa.UniqueConstraint('name', name=op.f('uq_umsetzungs_stage_name'))
    )
    op.create_table('lage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('themenfeld_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['themenfeld_id'], ['themenfeld.id'], name=op.f('fk_lage_themenfeld_id_themenfeld'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lage')),
    sa.UniqueConstraint('name', name=op.f('uq_lage_name'))
    )
    op.create_index(op.f('ix_lage_themenfeld_id'), 'lage', ['themenfeld_id'], unique=False)

    op.create_table('leika_typ',
    sa.Column('leika_leistung_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['leika_leistung_id'], ['leika_leistung.id'], name=op.f('fk_leika_typ_leika_leistung_id_leika_leistung'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('leika_leistung_id', 'code', name=op.f('pk_leika_typ'))
    )
    op.create_index('ix_leika_typ_code', 'leika_typ', ['code'], unique=False)

    op.create_table('service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('handlungsfeld_id', sa.Integer(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=True),
    sa.Column('contact_role', sa.String(length=200), nullable=True),
    sa.Column('rechtsgrundlage', sa.Text(), nullable=True),
    sa.Column('online_url', sa.String(length=1000), nullable=True),
    sa.Column('efa_status', sa.String(length=100), nullable=True),
    sa.Column('basisdienste', sa.JSON(), nullable=False),
    sa.Column('fees', sa.String(length=500), nullable=True),
    sa.Column('fallzahl', sa.Integer(), nullable=True),
    sa.Column('online_share', sa.Float(), nullable=True),
    sa.Column('bearbeitungszeit_minutes', sa.Float(), nullable=True),
    sa.Column('priority', sa.String(length=20), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('reifegrad', sa.Integer(), nullable=True),
    sa.Column('reifegrad_model', sa.String(length=10), nullable=False),
    sa.Column('umsetzungsstatus', sa.String(length=100), nullable=True),
    sa.Column('target_reifegrad', sa.Integer(), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handlungsfeld_id'], ['handlungsfeld.id'], name=op.f('fk_service_handlungsfeld_id_handlungsfeld'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reifegrad_model'], ['reifegrad_model.version'], name=op.f('fk_service_reifegrad_model_reifegrad_model'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['app_user.id'], name=op.f('fk_service_updated_by_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service'))
    )
    op.create_index(op.f('ix_service_department'), 'service', ['department'], unique=False)
    op.create_index(op.f('ix_service_handlungsfeld_id'), 'service', ['handlungsfeld_id'], unique=False)
    op.create_index(op.f('ix_service_name'), 'service', ['name'], unique=False)
    op.create_index('ix_service_status', 'service', ['umsetzungsstatus', 'reifegrad'], unique=False)
    op.create_index('ix_service_target', 'service', ['target_date'], unique=False)
    op.create_index('ix_service_name_lower', 'service', [sa.text('lower(name)'), 'id'],
                    unique=False)

    op.create_table('ozg_leistung',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ozg_id', sa.String(length=5), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('lage_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['lage_id'], ['lage.id'], name=op.f('fk_ozg_leistung_lage_id_lage'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ozg_leistung')),
    sa.UniqueConstraint('ozg_id', name=op.f('uq_ozg_leistung_ozg_id'))
    )
    op.create_index(op.f('ix_ozg_leistung_lage_id'), 'ozg_leistung', ['lage_id'], unique=False)
    op.create_index(op.f('ix_ozg_leistung_name'), 'ozg_leistung', ['name'], unique=False)

    op.create_table('process_model',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('ist', 'soll')", name=op.f('ck_process_model_kind')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_process_model_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_process_model')),
    sa.UniqueConstraint('service_id', 'kind', name='service_kind')
    )
    op.create_table('service_leika',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('leika_leistung_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['leika_leistung_id'], ['leika_leistung.id'], name=op.f('fk_service_leika_leika_leistung_id_leika_leistung'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_leika_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('service_id', 'leika_leistung_id', name=op.f('pk_service_leika'))
    )
    op.create_index(op.f('ix_service_leika_leika_leistung_id'), 'service_leika', ['leika_leistung_id'], unique=False)

    op.create_table('status_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=50), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_by_name', sa.String(length=200), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['app_user.id'], name=op.f('fk_status_history_changed_by_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_status_history_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_history'))
    )
    op.create_index(op.f('ix_status_history_changed_at'), 'status_history', ['changed_at'], unique=False)
    op.create_index('ix_status_history_field_time', 'status_history', ['field', 'changed_at'], unique=False)
    op.create_index('ix_status_history_service_time', 'status_history', ['service_id', 'changed_at'], unique=False)

    op.create_table('model_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_model_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=500), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('release_status', sa.String(length=20), nullable=False),
    sa.Column('release_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('release_changed_by_id', sa.Integer(), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('warning_count', sa.Integer(), nullable=False),
    sa.Column('step_summary', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.CheckConstraint("release_status IN ('entwurf', 'in_pruefung', 'freigegeben')", name=op.f('ck_model_version_release_status')),
    sa.ForeignKeyConstraint(['process_model_id'], ['process_model.id'], name=op.f('fk_model_version_process_model_id_process_model'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['release_changed_by_id'], ['app_user.id'], name=op.f('fk_model_version_release_changed_by_id_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['app_user.id'], name=op.f('fk_model_version_uploaded_by_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_model_version')),
    sa.UniqueConstraint('process_model_id', 'number', name='model_number')
    )
    op.create_index('ix_model_version_one_current', 'model_version', ['process_model_id'], unique=True, sqlite_where=sa.text('is_current = 1'), postgresql_where=sa.text('is_current'))
    op.create_index(op.f('ix_model_version_process_model_id'), 'model_version', ['process_model_id'], unique=False)
    op.create_index(op.f('ix_model_version_sha256'), 'model_version', ['sha256'], unique=False)

    op.create_table('ozg_leika',
    sa.Column('ozg_leistung_id', sa.Integer(), nullable=False),
    sa.Column('leika_leistung_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['leika_leistung_id'], ['leika_leistung.id'], name=op.f('fk_ozg_leika_leika_leistung_id_leika_leistung'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ozg_leistung_id'], ['ozg_leistung.id'], name=op.f('fk_ozg_leika_ozg_leistung_id_ozg_leistung'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ozg_leistung_id', 'leika_leistung_id', name=op.f('pk_ozg_leika'))
    )
    op.create_index(op.f('ix_ozg_leika_leika_leistung_id'), 'ozg_leika', ['leika_leistung_id'], unique=False)

    op.create_table('service_ozg',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('ozg_leistung_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ozg_leistung_id'], ['ozg_leistung.id'], name=op.f('fk_service_ozg_ozg_leistung_id_ozg_leistung'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_ozg_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('service_id', 'ozg_leistung_id', name=op.f('pk_service_ozg'))
    )
    op.create_index(op.f('ix_service_ozg_ozg_leistung_id'), 'service_ozg', ['ozg_leistung_id'], unique=False)

    _append_only_history()
    _seed()


#: The history's content columns; changed_by_id may still be nulled when a user is deleted.
_HISTORY_CONTENT = "service_id, field, old_value, new_value, changed_at, changed_by_name, comment"


def _append_only_history() -> None:
    """Refuse, in the database itself, any edit of a history entry's content."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION status_history_append_only() RETURNS trigger "
                   "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
                   "'status_history is append-only'; END $$")
        op.execute(f"CREATE TRIGGER status_history_append_only BEFORE UPDATE OF "
                   f"{_HISTORY_CONTENT} ON status_history FOR EACH ROW "
                   "EXECUTE FUNCTION status_history_append_only()")
    else:
        op.execute(f"CREATE TRIGGER status_history_append_only BEFORE UPDATE OF "
                   f"{_HISTORY_CONTENT} ON status_history BEGIN "
                   "SELECT RAISE(ABORT, 'status_history is append-only'); END")


#: The four Handlungsfelder of the city's digital strategy (DESIGN.md §3); admins edit them.
HANDLUNGSFELDER = (
    ("OZG-Umsetzung", "Online-Zugang zu Verwaltungsleistungen nach dem OZG"),
    ("Verwaltungsdigitalisierung", "Digitalisierung interner Verwaltungsabläufe"),
    ("IT- und Kommunikationsstrategie", "Städtische IT- und Kommunikationsstrategie"),
    ("Smart City", "Smart-City-Konzeption"),
)

#: Umsetzungsstatus stages: the federal dashboard's three plus the municipal ones.
STAGES = (
    # name, is_online, is_closed
    ("in Planung", False, False),
    ("Konzeption", False, False),
    ("in Umsetzung", False, False),
    ("Pilotierung", False, False),
    ("Roll-out", False, False),
    ("online verfügbar", True, False),
    ("eingestellt", False, True),
)

REIFEGRAD_MODELS = (
    # version, max level, OZG-conformant level, level names, default
    ("1.1", 4, 3, {"0": "Offline", "1": "Information", "2": "Formular-Assistent",
                   "3": "Online-Leistung", "4": "Online-Transaktion"}, True),
    ("2.0", 7, 3, {str(level): f"Stufe {level}" for level in range(8)}, False),
)


def _seed() -> None:
    handlungsfeld = sa.table("handlungsfeld", sa.column("name"), sa.column("description"),
                             sa.column("position"), sa.column("active"))
    op.bulk_insert(handlungsfeld, [
        {"name": name, "description": description, "position": position, "active": True}
        for position, (name, description) in enumerate(HANDLUNGSFELDER, start=1)
    ])
    stage = sa.table("umsetzungs_stage", sa.column("name"), sa.column("position"),
                     sa.column("is_online"), sa.column("is_closed"), sa.column("active"))
    op.bulk_insert(stage, [
        {"name": name, "position": position, "is_online": online, "is_closed": closed,
         "active": True}
        for position, (name, online, closed) in enumerate(STAGES, start=1)
    ])
    model = sa.table("reifegrad_model", sa.column("version"), sa.column("min_level"),
                     sa.column("max_level"), sa.column("ozg_conformant_level"),
                     sa.column("levels", sa.JSON()), sa.column("is_default"))
    op.bulk_insert(model, [
        {"version": version, "min_level": 0, "max_level": top, "ozg_conformant_level": ozg,
         "levels": levels, "is_default": default}
        for version, top, ozg, levels, default in REIFEGRAD_MODELS
    ])


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS status_history_append_only"
               + (" ON status_history" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS status_history_append_only()")
    op.drop_table('service_ozg')
    op.drop_table('ozg_leika')
    op.drop_table('model_version')
    op.drop_table('status_history')
    op.drop_table('service_leika')
    op.drop_table('process_model')
    op.drop_table('ozg_leistung')
    op.drop_table('service')
    op.drop_table('leika_typ')
    op.drop_table('lage')
    op.drop_table('umsetzungs_stage')
    op.drop_table('themenfeld')
    op.drop_table('reifegrad_model')
    op.drop_table('leika_leistung')
    op.drop_table('handlungsfeld')
    op.drop_table('app_user')
