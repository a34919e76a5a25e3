"""Engine and transactions of the control DB (oslo.db + SQLAlchemy).

SQLite (the embedded default) is shared by several processes, so each
connection waits for locks instead of failing, WAL lets readers run beside
a writer, and transactions take the write lock up front so two processes
never deadlock upgrading read locks.
"""
import contextlib
import threading

import sqlalchemy
from oslo_db import options as db_options
from oslo_db.sqlalchemy import engines
from sqlalchemy import orm

from trove.conf import CONF

db_options.set_defaults(CONF)

_lock = threading.Lock()
_engine = None


def _tune_sqlite(engine):
    @sqlalchemy.event.listens_for(engine, 'connect')
    def _on_connect(dbapi_conn, _record):
        # Waiting first: switching to WAL takes a lock that connections
        # opened at the same moment would otherwise fail on at once.
        dbapi_conn.execute('PRAGMA busy_timeout=30000')
        dbapi_conn.execute('PRAGMA journal_mode=WAL')

    # In place of oslo.db's listener, which emits a plain (deferred) BEGIN:
    # a transaction that reads and then writes would then fail at once
    # with "database is locked" when another one wrote meanwhile. (Running
    # first with insert=True is not enough: SQLAlchemy 2.1 appends anyway.)
    for listener in list(engine.dispatch.begin):
        if getattr(listener, '__name__', None) == '_sqlite_emit_begin':
            sqlalchemy.event.remove(engine, 'begin', listener)

    @sqlalchemy.event.listens_for(engine, 'begin', insert=True)
    def _on_begin(conn):
        if 'in_transaction' not in conn.info:
            conn.exec_driver_sql('BEGIN IMMEDIATE')
            conn.info['in_transaction'] = True


def get_engine():
    global _engine
    with _lock:
        if _engine is None:
            db = CONF.database
            engine = engines.create_engine(
                db.connection,
                max_pool_size=db.max_pool_size,
                max_overflow=db.max_overflow,
                pool_timeout=db.pool_timeout,
                connection_recycle_time=db.connection_recycle_time,
                mysql_sql_mode=db.mysql_sql_mode,
                sqlite_fk=True)
            if engine.dialect.name == 'sqlite':
                _tune_sqlite(engine)
            _engine = engine
        return _engine


def dispose():
    """Drop the engine (after a fork, or in tests that change the URL)."""
    global _engine
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = None


@contextlib.contextmanager
def transaction():
    """A session inside one transaction, committed on success."""
    session = orm.Session(bind=get_engine(), expire_on_commit=False)
    try:
        with session.begin():
            yield session
    finally:
        session.close()
