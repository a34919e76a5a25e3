"""What the throwaway DB servers share: their process, directory, port and
readiness."""
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
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

def binary(name, package, *candidates):
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


def system_user(name):
    import pwd
    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise ServerError('system user %r missing: install the Debian '
                          'package that creates it' % name)


def require_root():
    if os.geteuid() != 0:
        raise ServerError('the test DB servers run as the engines\' system '
                          'users: run the tests as root')


# -- directories and processes ------------------------------------------------

def base_dir():
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


def workdir(owner):
    """A fresh 0755 directory with ``data`` and ``run`` owned by ``owner``
    (a pwd entry) inside."""
    workdir = tempfile.mkdtemp(prefix=PREFIX, dir=base_dir())
    os.chmod(workdir, 0o755)
    for sub in ('data', 'run'):
        path = os.path.join(workdir, sub)
        os.mkdir(path, 0o700)
        os.chown(path, owner.pw_uid, owner.pw_gid)
    # Who to ask whether the directory is still in use (reap_leftovers).
    with open(os.path.join(workdir, 'owner.json'), 'w') as f:
        json.dump({'pid': os.getpid(), 'start': start_time(os.getpid())}, f)
    return workdir


def start_time(pid):
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


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def run(command, what, **kwargs):
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


def tail(path, lines=15):
    try:
        with open(path, 'rb') as f:
            text = f.read()[-8192:].decode('utf-8', 'replace')
    except OSError:
        return '(no log)'
    return '\n'.join(text.splitlines()[-lines:])


def record_server(workdir, child):
    with open(os.path.join(workdir, 'server.json'), 'w') as f:
        json.dump({'pid': child.pid, 'start': start_time(child.pid)}, f)


def stop(child, stop_signal):
    """Stop the server we started, by its pid; SIGKILL if it hangs."""
    if child.poll() is not None:
        return
    child.send_signal(stop_signal)
    try:
        child.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(10)


def wait_ready(child, ready, log, what):
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if child.poll() is not None:
            raise ServerError('%s exited at start (exit code %s):\n%s' % (
                what, child.returncode, tail(log)))
        try:
            if ready():
                return
        except Exception as e:  # not accepting logins yet
            last = e
        else:
            last = None
        if time.monotonic() > deadline:
            raise ServerError('%s did not accept logins within %ss (%s):\n%s'
                              % (what, START_TIMEOUT, last, tail(log)))
        time.sleep(0.02)


def address_in_use(log):
    text = tail(log, 40)
    return 'Address already in use' in text or 'Do you already have ' in text


def reap_leftovers():
    """Stop the servers and remove the directories that an earlier test run
    left behind when it was killed outright (no finally ran). Only ours:
    directories with our prefix whose owning test process is gone; the
    server is stopped by the pid it recorded, once its start time and
    command line confirm that pid is still that server."""
    for workdir in glob.glob(os.path.join(base_dir(), PREFIX + '*')):
        try:
            with open(os.path.join(workdir, 'owner.json')) as f:
                owner = json.load(f)
        except (OSError, ValueError):
            continue
        if start_time(owner['pid']) == owner['start']:
            continue  # its test run is still going
        try:
            with open(os.path.join(workdir, 'server.json')) as f:
                server = json.load(f)
        except (OSError, ValueError):
            server = None
        if server and start_time(server['pid']) == server['start']:
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
                    if start_time(server['pid']) != server['start']:
                        break
                    time.sleep(0.05)
        shutil.rmtree(workdir, ignore_errors=True)
