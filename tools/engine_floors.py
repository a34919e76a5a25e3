"""The floor of provisioning for each engine: from nothing to a login as a
new user, done by hand with the engine's own tools on this host."""
import glob
import os
import shutil
import subprocess
import tempfile
import time

FLOOR_ADDRESS = '127.99.0.2'


def _workdir(owner):
    work = tempfile.mkdtemp(prefix='trove-floor-')
    os.chmod(work, 0o755)
    data = os.path.join(work, 'data')
    os.makedirs(data)
    subprocess.run(['chown', '-R', '%s:%s' % (owner, owner), work],
                   check=True)
    return work, data


def _until(command):
    while subprocess.run(command, capture_output=True).returncode != 0:
        time.sleep(0.02)


def mariadb():
    """mariadb-install-db + start + create a database and a user."""
    work, data = _workdir('mysql')
    sock = os.path.join(work, 'sock')
    started = time.monotonic()
    subprocess.run(['mariadb-install-db', '--user=mysql', '--datadir=' + data,
                    '--skip-test-db',
                    '--auth-root-authentication-method=socket'],
                   check=True, capture_output=True)
    server = subprocess.Popen(
        ['mariadbd', '--no-defaults', '--user=mysql', '--datadir=' + data,
         '--socket=' + sock, '--bind-address=' + FLOOR_ADDRESS,
         '--innodb-buffer-pool-size=32M', '--skip-name-resolve',
         '--pid-file=' + os.path.join(work, 'pid'),
         '--log-error=' + os.path.join(work, 'err.log')],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _until(['mariadb', '-S', sock, '-uroot', '-e',
            "CREATE DATABASE mydb; CREATE USER 'myuser'@'%' IDENTIFIED BY "
            "'mypass'; GRANT ALL ON mydb.* TO 'myuser'@'%';"])
    return _finish(started, server, work)


def postgresql():
    """initdb + start + create a role and a database."""
    bindir = sorted(glob.glob('/usr/lib/postgresql/*/bin'))[-1]
    work, data = _workdir('postgres')
    started = time.monotonic()
    subprocess.run(['runuser', '-u', 'postgres', '--',
                    os.path.join(bindir, 'initdb'), '-D', data, '-A', 'trust'],
                   check=True, capture_output=True)
    server = subprocess.Popen(
        ['runuser', '-u', 'postgres', '--', os.path.join(bindir, 'postgres'),
         '-D', data, '-k', work, '-h', FLOOR_ADDRESS],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    psql = ['runuser', '-u', 'postgres', '--', os.path.join(bindir, 'psql'),
            '-h', work, '-d', 'postgres', '-c']
    _until(psql + ["CREATE ROLE myuser LOGIN PASSWORD 'mypass'"])
    subprocess.run(psql + ['CREATE DATABASE mydb OWNER myuser'], check=True,
                   capture_output=True)
    return _finish(started, server, work)


def redis():
    """redis-server started until it answers PING."""
    work, data = _workdir('redis')
    started = time.monotonic()
    server = subprocess.Popen(
        ['runuser', '-u', 'redis', '--', 'redis-server', '--bind',
         FLOOR_ADDRESS, '--port', '6379', '--dir', data, '--save', ''],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _until(['redis-cli', '-h', FLOOR_ADDRESS, 'PING'])
    return _finish(started, server, work)


def _finish(started, server, work):
    elapsed = time.monotonic() - started
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
    return elapsed


FLOORS = {'mariadb': mariadb, 'postgresql': postgresql, 'redis': redis}
