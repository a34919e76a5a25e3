"""Declarative models of backups (imported by trove.db.models, so that one
metadata holds every table)."""
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from trove.db import models


def _uuid():
    return uuidutils.generate_uuid()


class Backup(models.Base):
    """One backup: a full one, or an incremental one on top of its parent.

    Its stored object (``object_name`` in ``container`` of
    ``storage_driver``) is encrypted with a random data key, kept here only
    wrapped by the [backup] encryption_key master key.
    """
    __tablename__ = 'backups'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(512), nullable=True)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    # The source instance may be deleted since: no foreign key.
    instance_id = sa.Column(sa.String(36), nullable=True, index=True)
    parent_id = sa.Column(sa.String(36), nullable=True, index=True)
    # The backup schedule that made it (its retention deletes it), if any.
    schedule_id = sa.Column(sa.String(36), nullable=True, index=True)
    datastore_version_id = sa.Column(
        sa.String(36), sa.ForeignKey('datastore_versions.id'),
        nullable=False)
    # trove.backup.state.BackupState; DELETING while its objects go.
    status = sa.Column(sa.String(32), nullable=False, default='NEW')
    # When a NEW/BUILDING backup, or a delete, is given up by the reaper.
    deadline = sa.Column(models.MicroDateTime, nullable=True)
    storage_driver = sa.Column(sa.String(32), nullable=False)
    container = sa.Column(sa.String(255), nullable=True)
    object_name = sa.Column(sa.String(255), nullable=True)
    location = sa.Column(sa.String(1024), nullable=True)
    # Stored (compressed, encrypted) bytes and their sha256; the engine's
    # raw bytes (what a restore needs room for).
    size = sa.Column(sa.BigInteger, nullable=True)
    checksum = sa.Column(sa.String(64), nullable=True)
    data_size = sa.Column(sa.BigInteger, nullable=True)
    wrapped_key = sa.Column(sa.Text, nullable=True)
    # JSON the engine needs for a child or a restore (LSNs, WAL position,
    # compression, format).
    meta = sa.Column(sa.Text, nullable=True)
    # Guest clock time of the newest accepted report (drops stale ones).
    last_sent = sa.Column(models.Float8, nullable=True)
    fault = sa.Column(sa.String(1024), nullable=True)
    created = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow)
    updated = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow, onupdate=timeutils.utcnow)
    deleted = sa.Column(sa.Boolean, nullable=False, default=False,
                        index=True)
    deleted_at = sa.Column(models.MicroDateTime, nullable=True)

    datastore_version = orm.relationship(models.DatastoreVersion,
                                         lazy='joined')


class BackupStrategy(models.Base):
    """Where a project's (or one instance's) backups go by default."""
    __tablename__ = 'backup_strategies'
    __table_args__ = (sa.UniqueConstraint('project_id', 'instance_id'),)

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    project_id = sa.Column(sa.String(255), nullable=False)
    # '' for the whole project (NULLs would not be unique).
    instance_id = sa.Column(sa.String(36), nullable=False, default='')
    backend = sa.Column(sa.String(32), nullable=False, default='swift')
    swift_container = sa.Column(sa.String(255), nullable=True)
    created = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow)


class BackupSchedule(models.Base):
    """Backups of an instance made by the taskmanagers on a cron schedule,
    of which the newest ``keep`` are kept.

    ``next_run`` is the claim on a run: the taskmanager whose conditional
    UPDATE moves it on from the value it read is the one that runs it.
    """
    __tablename__ = 'backup_schedules'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    name = sa.Column(sa.String(255), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    instance_id = sa.Column(sa.String(36), nullable=False, index=True)
    cron = sa.Column(sa.String(255), nullable=False)
    incremental = sa.Column(sa.Boolean, nullable=False, default=False)
    keep = sa.Column(sa.Integer, nullable=False)
    next_run = sa.Column(models.MicroDateTime, nullable=False, index=True)
    # When the newest run started a backup, and that backup.
    last_run = sa.Column(models.MicroDateTime, nullable=True)
    last_backup_id = sa.Column(sa.String(36), nullable=True)
    # Why the newest attempt did not start a backup (a busy instance).
    last_error = sa.Column(sa.String(1024), nullable=True)
    created = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow)
