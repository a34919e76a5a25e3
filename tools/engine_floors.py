"""The floor of provisioning for each engine: from nothing to a login as a
new user, done by hand with the engine's own tools on this host."""
import glob
import os
import shutil
import subprocess
import tempfile
import time

# Its own loopback address (TROVE_FLOOR_ADDRESS when another program has
# the engine's port there).
FLOOR_ADDRESS = os.environ.get('TROVE_FLOOR_ADDRESS', '127.99.0.2')


def workdir(owner):
    """A scratch directory and its empty ``data`` subdirectory, owned by
    the engine's user ``owner``."""
    work = tempfile.mkdtemp(prefix='trove-floor-')
    os.chmod(work, 0o755)
    data = os.path.join(work, 'data')
    os.makedirs(data)
    subprocess.run(['chown', '-R', '%s:%s' % (owner, owner), work],
                   check=True)
    return work, data


def _until(command, server):
    """Run ``command`` until it succeeds; an error if ``server`` exits
    first (a port taken, a bad data directory) rather than a wait forever."""
    while subprocess.run(command, capture_output=True).returncode != 0:
        if server.poll() is not None:
            raise RuntimeError('%s exited with %s before %s succeeded'
                               % (server.args[0], server.returncode,
                                  ' '.join(command)))
        time.sleep(0.02)


def mariadb():
    """mariadb-install-db + start + create a database and a user."""
    work, data = workdir('mysql')
    started = time.monotonic()
    subprocess.run(['mariadb-install-db', '--user=mysql', '--datadir=' + data,
                    '--skip-test-db',
                    '--auth-root-authentication-method=socket'],
                   check=True, capture_output=True)
    server = start_mariadb(work, data, [
        "CREATE DATABASE mydb; CREATE USER 'myuser'@'%' IDENTIFIED BY "
        "'mypass'; GRANT ALL ON mydb.* TO 'myuser'@'%';"])
    return _finish(started, server, work)


def start_mariadb(work, data, statements=('SELECT 1',), preexec_fn=None):
    """mariadbd on ``data`` (owned by mysql), once it has run
    ``statements`` as root; returns the server process."""
    sock = os.path.join(work, 'sock')
    server = subprocess.Popen(
        ['mariadbd', '--no-defaults', '--user=mysql', '--datadir=' + data,
         '--socket=' + sock, '--bind-address=' + FLOOR_ADDRESS,
         '--innodb-buffer-pool-size=32M', '--skip-name-resolve',
         '--pid-file=' + os.path.join(work, 'pid'),
         '--log-error=' + os.path.join(work, 'err.log')],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=preexec_fn)
    for statement in statements:
        _until(['mariadb', '-S', sock, '-uroot', '-e', statement], server)
    return server


def postgresql():
    """initdb + start + create a role and a database."""
    work, data = workdir('postgres')
    started = time.monotonic()
    subprocess.run(['runuser', '-u', 'postgres', '--',
                    os.path.join(postgresql_bindir(), 'initdb'), '-D', data,
                    '-A', 'trust'], check=True, capture_output=True)
    server = start_postgresql(work, data, [
        "CREATE ROLE myuser LOGIN PASSWORD 'mypass'",
        'CREATE DATABASE mydb OWNER myuser'])
    return _finish(started, server, work)


def postgresql_bindir():
    return sorted(glob.glob('/usr/lib/postgresql/*/bin'))[-1]


def start_postgresql(work, data, statements=('SELECT 1',), preexec_fn=None):
    """postgres on ``data`` (owned by postgres), once it has run
    ``statements``; returns the server process."""
    bindir = postgresql_bindir()
    server = subprocess.Popen(
        ['runuser', '-u', 'postgres', '--', os.path.join(bindir, 'postgres'),
         '-D', data, '-k', work, '-h', FLOOR_ADDRESS],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=preexec_fn)
    psql = ['runuser', '-u', 'postgres', '--', os.path.join(bindir, 'psql'),
            '-h', work, '-d', 'postgres', '-c']
    for statement in statements:
        _until(psql + [statement], server)
    return server


def redis():
    """redis-server started until it answers PING."""
    work, data = workdir('redis')
    started = time.monotonic()
    server = subprocess.Popen(
        ['runuser', '-u', 'redis', '--', 'redis-server', '--bind',
         FLOOR_ADDRESS, '--port', '6379', '--dir', data, '--save', ''],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _until(['redis-cli', '-h', FLOOR_ADDRESS, 'PING'], server)
    return _finish(started, server, work)


def _finish(started, server, work):
    elapsed = time.monotonic() - started
    stop(server, work)
    return elapsed


def stop(server, work):
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)


FLOORS = {'mariadb': mariadb, 'postgresql': postgresql, 'redis': redis}
