"""Transactions of the control DB: writers are atomic on every backend,
also on a pooled connection used again; on SQLite a reader goes on while
another process holds the write lock."""
import sqlite3

import pytest
import sqlalchemy as sa

from trove.db import migration
from trove.db import models
from trove.db import session as db_session


def _flavor_names():
    with db_session.reader() as session:
        return sorted(session.scalars(sa.select(models.Flavor.name)))


def test_a_failed_transaction_leaves_nothing_again_and_again(db_backend):
    migration.upgrade()
    for attempt in range(3):   # the pool hands out the same connection
        with pytest.raises(RuntimeError):
            with db_session.transaction() as session:
                session.add(models.Flavor(id='f%d' % attempt, name='gone',
                                          ram=1, vcpus=1, disk=1))
                session.flush()
                raise RuntimeError('midway')
        with db_session.transaction() as session:
            session.add(models.Flavor(id='k%d' % attempt,
                                      name='kept-%d' % attempt, ram=1,
                                      vcpus=1, disk=1))
    assert _flavor_names() == ['kept-0', 'kept-1', 'kept-2']


def test_sqlite_readers_do_not_wait_for_a_writer(tmp_path):
    from trove.conf import CONF
    path = tmp_path / 'trove.db'
    CONF.set_override('connection', 'sqlite:///%s' % path, group='database')
    db_session.dispose()
    try:
        migration.upgrade()
        with db_session.transaction() as session:
            session.add(models.Flavor(id='1', name='small', ram=1, vcpus=1,
                                      disk=1))
        # Another process holds the write lock.
        other = sqlite3.connect(str(path), isolation_level=None)
        other.execute('BEGIN IMMEDIATE')
        other.execute("UPDATE flavors SET name = 'renamed'")
        try:
            # A writer would wait busy_timeout (30 s), then fail.
            assert _flavor_names() == ['small']
        finally:
            other.execute('ROLLBACK')
            other.close()
    finally:
        db_session.dispose()
        CONF.clear_override('connection', group='database')
