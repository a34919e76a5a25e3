"""Declarative models of configuration groups, their values and parameter
rules, and instance attachments (imported by trove.db.models, so that one
metadata holds every table)."""
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from trove.db import models


def _uuid():
    return uuidutils.generate_uuid()


class ConfigurationParameter(models.Base):
    """A parameter users may set on a datastore version, and its rule
    (Trove's validation-rules.json, loaded by trove-manage). Bounds are kept
    as text: an integer rule may exceed what a BIGINT holds."""
    __tablename__ = 'datastore_configuration_parameters'
    __table_args__ = (sa.UniqueConstraint('datastore_version_id', 'name'),)

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    datastore_version_id = sa.Column(
        sa.String(36), sa.ForeignKey('datastore_versions.id'),
        nullable=False)
    name = sa.Column(sa.String(128), nullable=False)
    # integer, string, boolean or float
    data_type = sa.Column(sa.String(16), nullable=False)
    restart_required = sa.Column(sa.Boolean, nullable=False, default=False)
    min_size = sa.Column(sa.String(40), nullable=True)
    max_size = sa.Column(sa.String(40), nullable=True)


class Configuration(models.Base):
    """A project's configuration group: parameter values for instances of
    one datastore version."""
    __tablename__ = 'configurations'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(512), nullable=True)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    datastore_version_id = sa.Column(
        sa.String(36), sa.ForeignKey('datastore_versions.id'),
        nullable=False)
    created = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow)
    updated = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow, onupdate=timeutils.utcnow)
    deleted = sa.Column(sa.Boolean, nullable=False, default=False, index=True)
    deleted_at = sa.Column(models.MicroDateTime, nullable=True)

    datastore_version = orm.relationship(models.DatastoreVersion,
                                         lazy='joined')
    entries = orm.relationship('ConfigurationValue', lazy='selectin',
                               order_by='ConfigurationValue.name')


class ConfigurationValue(models.Base):
    """One parameter value of a group, JSON-encoded (so that 1, true, 1.0
    and "1" stay what the user sent)."""
    __tablename__ = 'configuration_values'

    configuration_id = sa.Column(sa.String(36),
                                 sa.ForeignKey('configurations.id'),
                                 primary_key=True)
    name = sa.Column(sa.String(128), primary_key=True)
    value = sa.Column(sa.Text, nullable=False)


class InstanceConfiguration(models.Base):
    """The group an instance should run with, and whether its guest has it.

    ``serial`` grows with every change of what the instance should run
    with (attach, detach, a change of its group); ``applied_serial`` is the
    last one its guest confirmed. They differ while a change is on its way,
    which the taskmanager's sync pass re-drives until they meet.
    ``restart_required``: the engine runs with values other than its config
    files hold, until it restarts (the instance shows RESTART_REQUIRED).
    """
    __tablename__ = 'instance_configurations'

    instance_id = sa.Column(sa.String(36), sa.ForeignKey('instances.id'),
                            primary_key=True)
    configuration_id = sa.Column(sa.String(36),
                                 sa.ForeignKey('configurations.id'),
                                 nullable=True, index=True)
    serial = sa.Column(sa.Integer, nullable=False, default=0)
    applied_serial = sa.Column(sa.Integer, nullable=False, default=0)
    restart_required = sa.Column(sa.Boolean, nullable=False, default=False)
    updated = sa.Column(models.MicroDateTime, nullable=False,
                        default=timeutils.utcnow, onupdate=timeutils.utcnow)

    configuration = orm.relationship(Configuration, lazy='joined')
