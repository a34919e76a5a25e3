"""Per-project quotas: limits, usage and reservations.

Usage changes by conditional UPDATE (``in_use + reserved + delta <=
limit``) in the transaction that records what is counted, so racing
requests can never overshoot: the row lock (MySQL, PostgreSQL) or the
write lock (SQLite) makes the second one see the first one's count.
Resources are always updated in RESOURCES order, so two transactions
never wait on each other's rows in opposite orders.
"""
from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from trove.common import exception
from trove.conf import CONF
from trove.db import models
from trove.db import session as db_session

RESOURCES = ('instances', 'volumes', 'backups')

_Usage = models.QuotaUsage


def default_limit(resource):
    return getattr(CONF, 'max_%s_per_tenant' % resource)


def check_resources(names):
    unknown = sorted(set(names) - set(RESOURCES))
    if unknown:
        raise exception.QuotaResourceUnknown(unknown=', '.join(unknown))


def get_limits(project_id, session=None):
    """{resource: limit} of a project, defaults filled in."""
    if session is None:
        with db_session.transaction() as session:
            return get_limits(project_id, session)
    limits = {resource: default_limit(resource) for resource in RESOURCES}
    limits.update(session.execute(
        sa.select(models.Quota.resource, models.Quota.hard_limit)
        .where(models.Quota.project_id == project_id)).all())
    return limits


def set_limits(project_id, limits):
    """Store a project's own limits ({resource: limit}); returns them."""
    check_resources(limits)
    for resource, limit in sorted(limits.items()):
        for _ in range(2):  # insert, or update what a racing insert made
            try:
                with db_session.transaction() as session:
                    _store_limit(session, project_id, resource, limit)
                break
            except db_exc.DBDuplicateEntry:
                continue
    return dict(limits)


def _store_limit(session, project_id, resource, limit):
    quota = models.Quota
    updated = session.execute(
        sa.update(quota).where(quota.project_id == project_id,
                               quota.resource == resource)
        .values(hard_limit=limit)).rowcount
    if not updated:
        session.add(quota(project_id=project_id, resource=resource,
                          hard_limit=limit))


def get_usages(project_id):
    """{resource: (in_use, reserved)} of a project."""
    with db_session.transaction() as session:
        rows = session.execute(
            sa.select(_Usage.resource, _Usage.in_use, _Usage.reserved)
            .where(_Usage.project_id == project_id)).all()
    usages = {resource: (0, 0) for resource in RESOURCES}
    usages.update((row.resource, (row.in_use, row.reserved)) for row in rows)
    return usages


def ensure_usage_rows(project_id):
    """Create the project's usage rows, counted from its instances, before
    the first reservation (a row must exist for an UPDATE to lock it)."""
    with db_session.transaction() as session:
        have = set(session.scalars(sa.select(_Usage.resource).where(
            _Usage.project_id == project_id)))
    for resource in RESOURCES:
        if resource in have:
            continue
        try:
            with db_session.transaction() as session:
                session.add(_Usage(project_id=project_id, resource=resource,
                                   in_use=_count(session, project_id,
                                                 resource),
                                   reserved=0))
        except db_exc.DBDuplicateEntry:
            pass  # a racing request made it


def count_usage(project_id, session=None):
    """(instances, volume GB) a project's live instances hold, counted
    from the instances themselves."""
    if session is None:
        with db_session.transaction() as session:
            return count_usage(project_id, session)
    instance = models.Instance
    count, volume = session.execute(
        sa.select(sa.func.count(instance.id),
                  sa.func.coalesce(sa.func.sum(instance.volume_size), 0))
        .where(instance.project_id == project_id,
               instance.deleted.is_(False))).one()
    return count, int(volume)


def _count(session, project_id, resource):
    if resource == 'backups':
        backup = models.backup_models.Backup
        return session.scalar(sa.select(sa.func.count(backup.id)).where(
            backup.project_id == project_id, backup.deleted.is_(False)))
    counted = dict(zip(('instances', 'volumes'),
                       count_usage(project_id, session)))
    return counted.get(resource, 0)


def add_usage(session, project_id, deltas, column='in_use'):
    """Add ``deltas`` ({resource: amount}) to the project's ``column``
    (in_use or reserved) if all fit its limits; else raise QuotaExceeded
    naming every resource that does not fit (the caller's transaction then
    rolls back whatever was added)."""
    limits = get_limits(project_id, session)
    overs = []
    for resource in RESOURCES:
        delta = deltas.get(resource) or 0
        if delta <= 0:
            continue
        query = sa.update(_Usage).where(_Usage.project_id == project_id,
                                        _Usage.resource == resource)
        if limits[resource] >= 0:  # negative: unlimited, as in Trove
            query = query.where(_Usage.in_use + _Usage.reserved + delta
                                <= limits[resource])
        column_ = getattr(_Usage, column)
        result = session.execute(query.values(
            {column: column_ + delta, 'updated': timeutils.utcnow()}))
        if result.rowcount != 1:
            overs.append(resource)
    if overs:
        raise exception.QuotaExceeded(overs=', '.join(overs))


def subtract_usage(session, project_id, deltas, column='in_use'):
    """The reverse of add_usage; never below zero, never refused."""
    for resource in RESOURCES:
        delta = deltas.get(resource) or 0
        if delta <= 0:
            continue
        column_ = getattr(_Usage, column)
        session.execute(
            sa.update(_Usage).where(_Usage.project_id == project_id,
                                    _Usage.resource == resource)
            .values({column: sa.case((column_ >= delta, column_ - delta),
                                     else_=0),
                     'updated': timeutils.utcnow()}))
