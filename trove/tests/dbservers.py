"""Throwaway MariaDB and PostgreSQL servers for the tests of the DB layer.

Each server lives in a fresh temporary directory (data, socket, pid file,
log), listens on 127.0.0.1 on a free port, and runs as the engine's own
system user (``mysql``, ``postgres``); its durability is switched off, as
nothing in it needs to survive. Use them as context managers::

    with dbservers.mariadb() as server:
        url = server.reset()   # an empty trove_test database

On the way out the server is stopped by its pid (never by name) and its
directory removed, whatever happened in between. A binary that is missing
is an error (:class:`ServerError`), not a reason to skip: the project's
scripts (tools/lib/install.sh) install the packages.

Needs root: the servers run as other system users.
"""
import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import sqlalchemy as sa
from sqlalchemy import pool

PREFIX = 'trove-dbtest-'
DATABASE = 'trove_test'
USER = 'trove_test'
START_TIMEOUT = 60
STOP_TIMEOUT = 30
ATTEMPTS = 3  # a free port can be taken by someone else before we bind it

MARIADB_USER = 'mysql'
POSTGRES_USER = 'postgres'


class ServerError(Exception):
    """A test DB server could not be set up."""


class Server(object):
    """A running server: ``url`` reaches the database ``trove_test``."""

    def __init__(self, backend, url_template, password, port, workdir, pid):
        self.backend = backend
        self._template = url_template
        self.password = password
        self.port = port
        self.workdir = workdir
        self.pid = pid
        self.url = self.url_for(DATABASE)

    def url_for(self, database):
        return self._template % {'user': USER, 'password': self.password,
                                 'port': self.port, 'database': database}

    def _admin(self, *statements):
        engine = sa.create_engine(self.url, isolation_level='AUTOCOMMIT',
                                  poolclass=pool.NullPool)
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def reset(self):
        """Empty ``trove_test`` (no tables, no alembic version): quicker
        than a new database. Close the engines on it first; PostgreSQL
        sessions still open on it are ended."""
        if self.backend == 'mariadb':
            # A connection left in a transaction on it fails the reset
            # instead of hanging it (the default wait is a year).
            self._admin('SET SESSION lock_wait_timeout = 10',
                        'DROP DATABASE IF EXISTS %s' % DATABASE,
                        'CREATE DATABASE %s CHARACTER SET utf8mb4'
                        % DATABASE)
        else:
            self._admin(
                'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                'WHERE datname = current_database() '
                'AND pid <> pg_backend_pid()',
                'DROP SCHEMA public CASCADE',
                'CREATE SCHEMA public')
        return self.url


# -- binaries -----------------------------------------------------------------

def _binary(name, package, *candidates):
    for path in candidates:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which(name)
    if found is None:
        raise ServerError(
            '%s not found (looked in %s): install the Debian package %s '
            '(tools/lib/install.sh does)'
            % (name, ', '.join(candidates + ('$PATH',)), package))
    return found


def postgres_bindir():
    """The bin directory of the newest PostgreSQL in /usr/lib/postgresql."""
    def version(path):
        name = os.path.basename(os.path.dirname(path))
        return [int(part) if part.isdigit() else 0
                for part in name.split('.')]
    dirs = [d for d in glob.glob('/usr/lib/postgresql/*/bin')
            if os.access(os.path.join(d, 'postgres'), os.X_OK)
            and os.access(os.path.join(d, 'initdb'), os.X_OK)]
    if not dirs:
        raise ServerError(
            'PostgreSQL not found: no /usr/lib/postgresql/*/bin with '
            'postgres and initdb; install the Debian package "postgresql" '
            '(tools/lib/install.sh does)')
    return max(dirs, key=version)


def _system_user(name):
    import pwd
    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise ServerError('system user %r missing: install the Debian '
                          'package that creates it' % name)


def _require_root():
    if os.geteuid() != 0:
        raise ServerError('the test DB servers run as the engines\' system '
                          'users: run the tests as root')


# -- directories and processes ------------------------------------------------

def _base_dir():
    """Where the work directories go: the temp dir if every ancestor lets
    other users through (the engines run as their own users), else /tmp."""
    base = tempfile.gettempdir()
    path = os.path.realpath(base)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return '/tmp'
        parent = os.path.dirname(path)
        if parent == path:
            return base
        path = parent


def _workdir(owner):
    """A fresh 0755 directory with ``data`` and ``run`` owned by ``owner``
    (a pwd entry) inside."""
    workdir = tempfile.mkdtemp(prefix=PREFIX, dir=_base_dir())
    os.chmod(workdir, 0o755)
    for sub in ('data', 'run'):
        path = os.path.join(workdir, sub)
        os.mkdir(path, 0o700)
        os.chown(path, owner.pw_uid, owner.pw_gid)
    # Who to ask whether the directory is still in use (reap_leftovers).
    with open(os.path.join(workdir, 'owner.json'), 'w') as f:
        json.dump({'pid': os.getpid(), 'start': _start_time(os.getpid())}, f)
    return workdir


def _start_time(pid):
    """The process's start time in clock ticks (pids wrap), or None when
    there is no such process (or only its zombie)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] in ('Z', 'X'):
        return None
    try:
        return int(fields[19])
    except (ValueError, IndexError):
        return None


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _run(command, what, **kwargs):
    try:
        result = subprocess.run(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=START_TIMEOUT, cwd='/',
            **kwargs)
    except subprocess.TimeoutExpired:
        raise ServerError('%s did not finish within %ss' % (
            what, START_TIMEOUT))
    if result.returncode != 0:
        raise ServerError('%s failed (exit code %d): %s' % (
            what, result.returncode,
            result.stdout.decode('utf-8', 'replace').strip()[-2000:]))


def _tail(path, lines=15):
    try:
        with open(path, 'rb') as f:
            text = f.read()[-8192:].decode('utf-8', 'replace')
    except OSError:
        return '(no log)'
    return '\n'.join(text.splitlines()[-lines:])


def _record_server(workdir, child):
    with open(os.path.join(workdir, 'server.json'), 'w') as f:
        json.dump({'pid': child.pid, 'start': _start_time(child.pid)}, f)


def _stop(child, stop_signal):
    """Stop the server we started, by its pid; SIGKILL if it hangs."""
    if child.poll() is not None:
        return
    child.send_signal(stop_signal)
    try:
        child.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(10)


def _wait_ready(child, ready, log, what):
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if child.poll() is not None:
            raise ServerError('%s exited at start (exit code %s):\n%s' % (
                what, child.returncode, _tail(log)))
        try:
            if ready():
                return
        except Exception as e:  # not accepting logins yet
            last = e
        else:
            last = None
        if time.monotonic() > deadline:
            raise ServerError('%s did not accept logins within %ss (%s):\n%s'
                              % (what, START_TIMEOUT, last, _tail(log)))
        time.sleep(0.02)


def _address_in_use(log):
    text = _tail(log, 40)
    return 'Address already in use' in text or 'Do you already have ' in text


def reap_leftovers():
    """Stop the servers and remove the directories that an earlier test run
    left behind when it was killed outright (no finally ran). Only ours:
    directories with our prefix whose owning test process is gone; the
    server is stopped by the pid it recorded, once its start time and
    command line confirm that pid is still that server."""
    for workdir in glob.glob(os.path.join(_base_dir(), PREFIX + '*')):
        try:
            with open(os.path.join(workdir, 'owner.json')) as f:
                owner = json.load(f)
        except (OSError, ValueError):
            continue
        if _start_time(owner['pid']) == owner['start']:
            continue  # its test run is still going
        try:
            with open(os.path.join(workdir, 'server.json')) as f:
                server = json.load(f)
        except (OSError, ValueError):
            server = None
        if server and _start_time(server['pid']) == server['start']:
            try:
                with open('/proc/%d/cmdline' % server['pid'], 'rb') as f:
                    cmdline = f.read().decode('utf-8', 'replace')
            except OSError:
                cmdline = ''
            if workdir in cmdline:
                try:
                    os.kill(server['pid'], signal.SIGKILL)
                except OSError:
                    pass
                for _ in range(200):
                    if _start_time(server['pid']) != server['start']:
                        break
                    time.sleep(0.05)
        shutil.rmtree(workdir, ignore_errors=True)


# -- MariaDB ------------------------------------------------------------------

# Nothing here must survive a crash: no fsync, no doublewrite, small logs.
_MARIADB_FAST = [
    '--skip-name-resolve',
    '--innodb-buffer-pool-size=32M',
    '--innodb-log-file-size=8M',
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    '--innodb-flush-method=nosync',
    '--sync-frm=0',
]


@contextlib.contextmanager
def mariadb():
    """A MariaDB server with database ``trove_test`` and a user (password
    login over TCP) with all rights on ``trove_test*`` databases."""
    _require_root()
    install_db = _binary('mariadb-install-db', 'mariadb-server',
                         '/usr/bin/mariadb-install-db')
    mariadbd = _binary('mariadbd', 'mariadb-server', '/usr/sbin/mariadbd')
    owner = _system_user(MARIADB_USER)
    import pymysql

    workdir = _workdir(owner)
    child = None
    try:
        datadir = os.path.join(workdir, 'data')
        run = os.path.join(workdir, 'run')
        _run([install_db, '--no-defaults', '--user=' + MARIADB_USER,
              '--datadir=' + datadir, '--skip-test-db',
              '--auth-root-authentication-method=socket'] + _MARIADB_FAST,
             'mariadb-install-db')
        password = secrets.token_hex(16)
        # Run by the server before it takes connections: no root login.
        init = os.path.join(run, 'init.sql')
        with open(init, 'w') as f:
            f.write(
                "CREATE DATABASE %(db)s CHARACTER SET utf8mb4;\n"
                "CREATE USER '%(user)s'@'127.0.0.1' IDENTIFIED BY '%(pw)s';\n"
                "GRANT ALL PRIVILEGES ON `trove\\_test%%`.* "
                "TO '%(user)s'@'127.0.0.1';\n"
                % {'db': DATABASE, 'user': USER, 'pw': password})
        os.chmod(init, 0o600)
        os.chown(init, owner.pw_uid, owner.pw_gid)
        log = os.path.join(run, 'mariadbd.log')
        for attempt in range(ATTEMPTS):
            port = _free_port()
            child = subprocess.Popen(
                [mariadbd, '--no-defaults', '--user=' + MARIADB_USER,
                 '--datadir=' + datadir,
                 '--socket=' + os.path.join(run, 'mariadbd.sock'),
                 '--pid-file=' + os.path.join(run, 'mariadbd.pid'),
                 '--log-error=' + log,
                 '--bind-address=127.0.0.1', '--port=%d' % port,
                 '--character-set-server=utf8mb4',
                 '--collation-server=utf8mb4_general_ci',
                 '--skip-log-bin', '--innodb-file-per-table=0',
                 '--init-file=' + init] + _MARIADB_FAST,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, cwd='/', start_new_session=True)
            _record_server(workdir, child)

            def ready():
                pymysql.connect(host='127.0.0.1', port=port, user=USER,
                                password=password, database=DATABASE,
                                connect_timeout=5).close()
                return True
            try:
                _wait_ready(child, ready, log, 'mariadbd')
                break
            except ServerError:
                _stop(child, signal.SIGTERM)
                if attempt + 1 == ATTEMPTS or not _address_in_use(log):
                    raise
        yield Server('mariadb',
                     'mysql+pymysql://%(user)s:%(password)s@127.0.0.1:'
                     '%(port)d/%(database)s?charset=utf8mb4',
                     password, port, workdir, child.pid)
    finally:
        if child is not None:
            _stop(child, signal.SIGTERM)
        shutil.rmtree(workdir, ignore_errors=True)


# -- PostgreSQL ---------------------------------------------------------------

@contextlib.contextmanager
def postgresql():
    """A PostgreSQL server with database ``trove_test`` owned by a role
    (password login over TCP, scram) that may create more databases."""
    _require_root()
    bindir = postgres_bindir()
    owner = _system_user(POSTGRES_USER)
    runuser = _binary('runuser', 'util-linux', '/usr/sbin/runuser',
                      '/sbin/runuser')
    import psycopg2

    workdir = _workdir(owner)
    child = None
    try:
        datadir = os.path.join(workdir, 'data')
        run = os.path.join(workdir, 'run')
        _run([runuser, '-u', POSTGRES_USER, '--',
              os.path.join(bindir, 'initdb'), '-D', datadir, '--no-sync',
              '--no-instructions', '-U', 'postgres', '-E', 'UTF8',
              '--locale=C', '--auth-local=trust',
              '--auth-host=scram-sha-256'], 'initdb')
        password = secrets.token_hex(16)
        log = os.path.join(run, 'postgres.log')
        for attempt in range(ATTEMPTS):
            port = _free_port()
            with open(log, 'ab') as out:
                # Started as the postgres user directly (not through
                # runuser), so that the pid we hold is the postmaster's.
                child = subprocess.Popen(
                    [os.path.join(bindir, 'postgres'), '-D', datadir,
                     '-k', run, '-h', '127.0.0.1', '-p', str(port),
                     '-c', 'fsync=off', '-c', 'synchronous_commit=off',
                     '-c', 'full_page_writes=off',
                     '-c', 'shared_buffers=16MB'],
                    user=owner.pw_uid, group=owner.pw_gid, extra_groups=[],
                    stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                    cwd='/', start_new_session=True)
            _record_server(workdir, child)

            def ready():
                psycopg2.connect(host=run, port=port, user='postgres',
                                 dbname='postgres', connect_timeout=5).close()
                return True
            try:
                _wait_ready(child, ready, log, 'postgres')
                break
            except ServerError:
                _stop(child, signal.SIGINT)
                if attempt + 1 == ATTEMPTS or not _address_in_use(log):
                    raise
        admin = psycopg2.connect(host=run, port=port, user='postgres',
                                 dbname='postgres')
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute('CREATE ROLE %s LOGIN CREATEDB PASSWORD %%s'
                               % USER, (password,))
                cursor.execute('CREATE DATABASE %s OWNER %s'
                               % (DATABASE, USER))
        finally:
            admin.close()
        yield Server('postgresql',
                     'postgresql+psycopg2://%(user)s:%(password)s@127.0.0.1:'
                     '%(port)d/%(database)s',
                     password, port, workdir, child.pid)
    finally:
        if child is not None:
            # SIGINT: fast shutdown, does not wait for clients to leave.
            _stop(child, signal.SIGINT)
        shutil.rmtree(workdir, ignore_errors=True)


SERVERS = {'mariadb': mariadb, 'postgresql': postgresql}


@contextlib.contextmanager
def started(backends):
    """Start the servers of ``backends`` side by side (the wait is that of
    the slowest, not the sum); yields {backend: Server or ServerError}, so
    that one failing server fails only its own tests. All are stopped on
    the way out."""
    with contextlib.ExitStack() as stack:
        results = {}
        lock = threading.Lock()

        def start(backend):
            manager = SERVERS[backend]()
            try:
                server = manager.__enter__()
            except ServerError as e:
                result = e
            except Exception as e:  # e.g. a driver that does not import
                result = ServerError('%s: %s' % (type(e).__name__, e))
            else:
                result = server
            with lock:
                results[backend] = result
                if not isinstance(result, ServerError):
                    stack.push(manager.__exit__)

        threads = [threading.Thread(target=start, args=(backend,),
                                    name='start-%s' % backend)
                   for backend in backends]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        finally:
            # Interrupted: let the starts finish, so that the stack then
            # stops what they started.
            for thread in threads:
                thread.join()
        yield results
