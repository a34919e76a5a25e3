"""Declarative models of the control DB. Migrations live in migrations/."""
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy import orm

# MySQL/MariaDB keep whole seconds in a plain DATETIME and 4 bytes in a
# plain FLOAT; SQLite and PostgreSQL keep microseconds and 8-byte floats.
# Lists are ordered by creation time (to the microsecond), and heartbeats by
# the guest's time.time(), which a 4-byte float rounds to 128 seconds.
MicroDateTime = sa.DateTime().with_variant(mysql.DATETIME(fsp=6),
                                           'mysql', 'mariadb')
Float8 = sa.Float().with_variant(mysql.DOUBLE(asdecimal=False),
                                 'mysql', 'mariadb')


class Base(orm.DeclarativeBase):
    pass


def _uuid():
    return uuidutils.generate_uuid()


class Datastore(Base):
    __tablename__ = 'datastores'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    name = sa.Column(sa.String(255), nullable=False, unique=True)
    default_version_id = sa.Column(sa.String(36), nullable=True)


class DatastoreVersion(Base):
    __tablename__ = 'datastore_versions'
    __table_args__ = (sa.UniqueConstraint('datastore_id', 'name'),)

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    datastore_id = sa.Column(sa.String(36), sa.ForeignKey('datastores.id'),
                             nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    # The guest agent's engine entry point (trove.guestagent.datastores).
    manager = sa.Column(sa.String(255), nullable=False)
    # Nova: the image; local: unused (binaries come from the host).
    image_id = sa.Column(sa.String(255), nullable=True)
    # Nova, when image_id is NULL: the newest active image carrying all
    # these tags (comma-separated), so a new image rolls out by tagging.
    image_tags = sa.Column(sa.Text, nullable=True)
    packages = sa.Column(sa.Text, nullable=True)
    version = sa.Column(sa.String(255), nullable=True)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    # What the engine supports (JSON, trove.datastore.capabilities), from
    # its manifest at registration: the control plane never loads guest
    # code to find out. NULL: registered before; the manifest stands in.
    capabilities = sa.Column(sa.Text, nullable=True)

    datastore = orm.relationship(Datastore, lazy='joined')


class Flavor(Base):
    __tablename__ = 'flavors'

    id = sa.Column(sa.String(36), primary_key=True)
    name = sa.Column(sa.String(255), nullable=False, unique=True)
    ram = sa.Column(sa.Integer, nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    disk = sa.Column(sa.Integer, nullable=False, default=0)


class Instance(Base):
    __tablename__ = 'instances'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    name = sa.Column(sa.String(255), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    flavor_id = sa.Column(sa.String(36), nullable=False)
    volume_size = sa.Column(sa.Integer, nullable=True)
    datastore_version_id = sa.Column(
        sa.String(36), sa.ForeignKey('datastore_versions.id'), nullable=False)
    # What the control plane is doing to the instance
    # (trove.instance.status.Task) and by when it must be done; the reaper
    # acts on expired deadlines.
    task_status = sa.Column(sa.String(32), nullable=False, default='NONE')
    task_deadline = sa.Column(MicroDateTime, nullable=True)
    # A restart or resize: when the server was started again. The first
    # HEALTHY heartbeat received after it ends the task (the conductor).
    task_restarted = sa.Column(MicroDateTime, nullable=True)
    compute_id = sa.Column(sa.String(255), nullable=True)
    address = sa.Column(sa.String(64), nullable=True)
    # What the compute driver said of the server at create (JSON): its
    # addresses [{address, type, network}] and its host facts. Views read
    # these, so the API never loads the driver. NULL: recorded before.
    addresses = sa.Column(sa.Text, nullable=True)
    server_details = sa.Column(sa.Text, nullable=True)
    # What the create asked of the server's networking (JSON: nics,
    # allowed_cidrs), for a compute driver that honours it. NULL: nothing.
    network_request = sa.Column(sa.Text, nullable=True)
    # A read replica's source (an instance of the same project), or NULL.
    replica_of_id = sa.Column(sa.String(36), nullable=True, index=True)
    # The per-instance RPC key, encrypted with the master key.
    encrypted_key = sa.Column(sa.Text, nullable=True)
    created = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow)
    updated = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow, onupdate=timeutils.utcnow)
    deleted = sa.Column(sa.Boolean, nullable=False, default=False, index=True)
    deleted_at = sa.Column(MicroDateTime, nullable=True)

    datastore_version = orm.relationship(DatastoreVersion, lazy='joined')
    service_status = orm.relationship('ServiceStatus', uselist=False,
                                      lazy='joined')
    faults = orm.relationship('InstanceFault', lazy='select',
                              order_by='InstanceFault.created.desc()')
    # Its configuration group and restart-required flag, or None
    # (configuration_models.InstanceConfiguration).
    configuration_state = orm.relationship('InstanceConfiguration',
                                           uselist=False, lazy='joined')


class ServiceStatus(Base):
    """What the guest last reported about its engine (heartbeats)."""
    __tablename__ = 'service_statuses'

    instance_id = sa.Column(sa.String(36), sa.ForeignKey('instances.id'),
                            primary_key=True)
    status = sa.Column(sa.String(32), nullable=False, default='NEW')
    # Guest clock time of the newest accepted heartbeat; older ones are
    # dropped so that a late message never overwrites a newer state.
    last_sent = sa.Column(Float8, nullable=True)
    updated = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow, onupdate=timeutils.utcnow)
    # The data volume's filesystem as the guest measured it (bytes).
    volume_used = sa.Column(sa.BigInteger, nullable=True)
    volume_total = sa.Column(sa.BigInteger, nullable=True)


class InstanceFault(Base):
    __tablename__ = 'instance_faults'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    instance_id = sa.Column(sa.String(36), sa.ForeignKey('instances.id'),
                            nullable=False, index=True)
    message = sa.Column(sa.String(1024), nullable=False)
    details = sa.Column(sa.Text, nullable=True)
    created = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow)


class RootEnabledHistory(Base):
    """That root was enabled on an instance, and by whom first: GET /root
    reports whether root was ever enabled (Trove's semantics), even after
    it was disabled again."""
    __tablename__ = 'root_enabled_history'

    instance_id = sa.Column(sa.String(36), sa.ForeignKey('instances.id'),
                            primary_key=True)
    user = sa.Column(sa.String(255), nullable=True)
    created = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow)


# Each feature's tables live in a module of their own, on the same Base.
from trove.db import backup_models  # noqa: E402,F401
from trove.db import configuration_models  # noqa: E402,F401


class Quota(Base):
    """A project's limit of one resource where it differs from the default
    ([DEFAULT] max_<resource>_per_tenant); -1 means unlimited."""
    __tablename__ = 'quotas'

    project_id = sa.Column(sa.String(255), primary_key=True)
    resource = sa.Column(sa.String(32), primary_key=True)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class QuotaUsage(Base):
    """What a project holds of one resource (in_use) and what operations
    in flight have set aside (reserved). Changed only by conditional
    UPDATEs, in the transaction that changes what is counted."""
    __tablename__ = 'quota_usages'

    project_id = sa.Column(sa.String(255), primary_key=True)
    resource = sa.Column(sa.String(32), primary_key=True)
    in_use = sa.Column(sa.Integer, nullable=False, default=0)
    reserved = sa.Column(sa.Integer, nullable=False, default=0)
    updated = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow, onupdate=timeutils.utcnow)


class QuotaReservation(Base):
    """Resources an operation in flight set aside for an instance (the
    extra GB of a volume resize), until it commits or releases them."""
    __tablename__ = 'quota_reservations'

    id = sa.Column(sa.String(36), primary_key=True, default=_uuid)
    instance_id = sa.Column(sa.String(36), sa.ForeignKey('instances.id'),
                            nullable=False, index=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(32), nullable=False)
    delta = sa.Column(sa.Integer, nullable=False)
    created = sa.Column(MicroDateTime, nullable=False,
                        default=timeutils.utcnow)


class Claim(Base):
    """Who does a piece of work now: an instance's workflows, or a
    periodic pass. Taken and kept by conditional UPDATE (never a lock in
    one process), so that any number of taskmanagers share the work; a
    holder that dies stops renewing, and the claim is free again once it
    expires."""
    __tablename__ = 'claims'

    name = sa.Column(sa.String(80), primary_key=True)
    holder = sa.Column(sa.String(255), nullable=False)
    expires = sa.Column(MicroDateTime, nullable=False)
