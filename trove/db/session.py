"""Engine and transactions of the control DB (oslo.db + SQLAlchemy).

SQLite (the embedded default) is shared by several processes, so each
connection waits for locks instead of failing, WAL lets readers run beside
a writer, and transactions take the write lock up front so two processes
never deadlock upgrading read locks. Its connections are pooled, as other
backends' are (see _engine_with_pooled_sqlite).
"""
import contextlib
import os
import sqlite3
import threading
import time

from oslo_db import options as db_options
from oslo_db.sqlalchemy import engines
import sqlalchemy
from sqlalchemy import orm
from sqlalchemy import pool

from trove.conf import CONF
from trove.db import sqlite_writers

db_options.set_defaults(CONF)

_lock = threading.Lock()
_engine = None


# Execution option of the connections of reader() sessions.
_READ_ONLY = 'trove_read_only'


def _tune_sqlite(engine):
    @sqlalchemy.event.listens_for(engine, 'connect')
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.execute('PRAGMA busy_timeout=30000')

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
            # A reader's deferred transaction takes no lock: in WAL mode it
            # reads a snapshot beside the writer, neither waiting nor
            # making anyone wait.
            read_only = conn.get_execution_options().get(_READ_ONLY)
            conn.exec_driver_sql('BEGIN' if read_only else 'BEGIN IMMEDIATE')
            conn.info['in_transaction'] = True


def _use_wal(engine, attempts=600):
    """WAL is a property of the file, set once (here, by the first process
    to start). Asking for it on a new connection while another process
    writes fails at once, without a busy wait, so it is not done per
    connection, and here it is retried."""
    for attempt in range(attempts):
        connection = engine.raw_connection()
        try:
            connection.driver_connection.execute('PRAGMA journal_mode=WAL')
            return
        except sqlite3.OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)
        finally:
            connection.close()


def _engine_with_pooled_sqlite(url, **engine_args):
    """oslo.db gives a SQLite file a NullPool: every transaction would
    open a connection, set it up, and close it, and closing the last
    connection of a process checkpoints the WAL. That was two thirds of
    the cost of a heartbeat. A pool keeps them open (pysqlite allows a
    pooled connection to move between threads)."""
    if engine_args.get('poolclass') is pool.NullPool:
        db = CONF.database
        engine_args.update(poolclass=pool.QueuePool,
                           pool_size=db.max_pool_size or 5,
                           max_overflow=max(db.max_overflow or 0, 0),
                           pool_timeout=db.pool_timeout or 30)
    engine = sqlalchemy.create_engine(url, **engine_args)
    return engine, engine


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
                sqlite_fk=True,
                # oslo.db's hook for how the engine is made.
                _engine_target=_engine_with_pooled_sqlite)
            if engine.dialect.name == 'sqlite':
                _tune_sqlite(engine)
                _use_wal(engine)
            _engine = engine
        return _engine


def _forget_in_child():
    # A forked child must not use its parent's pooled connections.
    global _engine
    _engine = None


os.register_at_fork(after_in_child=_forget_in_child)


def dispose():
    """Drop the engine (after a fork, or in tests that change the URL)."""
    global _engine
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = None
        sqlite_writers.close_all()


# SQLite has one writer at a time, and every transaction here writes
# (BEGIN IMMEDIATE). Threads of one process wait for each other on this
# lock, in order, rather than in SQLite's busy handler, which sleeps and
# retries (up to 100 ms a time) and so wastes the lock's free moments.
_sqlite_writer = threading.RLock()


# How deep this process is in nested transaction() calls, under
# _sqlite_writer: only the outermost takes the cross-process turn.
_sqlite_depth = 0


@contextlib.contextmanager
def _sqlite_turn(engine):
    global _sqlite_depth
    with _sqlite_writer:
        outermost = _sqlite_depth == 0
        _sqlite_depth += 1
        try:
            database = engine.url.database
            if outermost and database and database != ':memory:':
                with sqlite_writers.turn(database):
                    yield
            else:
                yield
        finally:
            _sqlite_depth -= 1


@contextlib.contextmanager
def transaction():
    """A session inside one transaction, committed on success."""
    engine = get_engine()
    serialized = (_sqlite_turn(engine) if engine.dialect.name == 'sqlite'
                  else contextlib.nullcontext())
    with serialized:
        session = orm.Session(bind=engine, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        finally:
            session.close()


@contextlib.contextmanager
def reader():
    """A session for reads only (nothing it does is committed): on SQLite
    it neither waits for the writer nor holds anyone up."""
    session = orm.Session(bind=get_engine(), expire_on_commit=False,
                          execution_options={_READ_ONLY: True})
    try:
        yield session
    finally:
        # Ends the transaction the first query began; the objects read
        # stay loaded, detached.
        session.close()
