"""A throwaway MariaDB server for the tests of the DB layer."""
import contextlib
import os
import secrets
import shutil
import signal
import subprocess


from trove.tests.dbservers import common


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
    common.require_root()
    install_db = common.binary('mariadb-install-db', 'mariadb-server',
                               '/usr/bin/mariadb-install-db')
    mariadbd = common.binary(
        'mariadbd', 'mariadb-server', '/usr/sbin/mariadbd')
    owner = common.system_user(common.MARIADB_USER)
    import pymysql

    workdir = common.workdir(owner)
    child = None
    try:
        datadir = os.path.join(workdir, 'data')
        run = os.path.join(workdir, 'run')
        common.run([install_db, '--no-defaults',
                    '--user=' + common.MARIADB_USER,
                    '--datadir=' + datadir, '--skip-test-db',
                    '--auth-root-authentication-method=socket']
                   + _MARIADB_FAST, 'mariadb-install-db')
        password = secrets.token_hex(16)
        # Run by the server before it takes connections: no root login.
        init = os.path.join(run, 'init.sql')
        with open(init, 'w') as f:
            f.write(
                "CREATE DATABASE %(db)s CHARACTER SET utf8mb4;\n"
                "CREATE USER '%(user)s'@'127.0.0.1' IDENTIFIED BY '%(pw)s';\n"
                "GRANT ALL PRIVILEGES ON `trove\\_test%%`.* "
                "TO '%(user)s'@'127.0.0.1';\n"
                % {'db': common.DATABASE, 'user': common.USER, 'pw': password})
        os.chmod(init, 0o600)
        os.chown(init, owner.pw_uid, owner.pw_gid)
        log = os.path.join(run, 'mariadbd.log')
        for attempt in range(common.ATTEMPTS):
            port = common.free_port()
            child = subprocess.Popen(
                [mariadbd, '--no-defaults', '--user=' + common.MARIADB_USER,
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
            common.record_server(workdir, child)

            def ready():
                pymysql.connect(host='127.0.0.1', port=port, user=common.USER,
                                password=password, database=common.DATABASE,
                                connect_timeout=5).close()
                return True
            try:
                common.wait_ready(child, ready, log, 'mariadbd')
                break
            except common.ServerError:
                common.stop(child, signal.SIGTERM)
                last = attempt + 1 == common.ATTEMPTS
                if last or not common.address_in_use(log):
                    raise
        yield common.Server('mariadb',
                            'mysql+pymysql://%(user)s:%(password)s@127.0.0.1:'
                            '%(port)d/%(database)s?charset=utf8mb4',
                            password, port, workdir, child.pid)
    finally:
        if child is not None:
            common.stop(child, signal.SIGTERM)
        shutil.rmtree(workdir, ignore_errors=True)
