"""A throwaway PostgreSQL server for the tests of the DB layer."""
import contextlib
import os
import secrets
import shutil
import signal
import subprocess


from trove.tests.dbservers import common


@contextlib.contextmanager
def postgresql():
    """A PostgreSQL server with database ``trove_test`` owned by a role
    (password login over TCP, scram) that may create more databases."""
    common.require_root()
    bindir = common.postgres_bindir()
    owner = common.system_user(common.POSTGRES_USER)
    runuser = common.binary('runuser', 'util-linux', '/usr/sbin/runuser',
                            '/sbin/runuser')
    import psycopg2

    workdir = common.workdir(owner)
    child = None
    try:
        datadir = os.path.join(workdir, 'data')
        run = os.path.join(workdir, 'run')
        common.run([runuser, '-u', common.POSTGRES_USER, '--',
                    os.path.join(bindir, 'initdb'), '-D', datadir, '--no-sync',
                    '--no-instructions', '-U', 'postgres', '-E', 'UTF8',
                    '--locale=C', '--auth-local=trust',
                    '--auth-host=scram-sha-256'], 'initdb')
        password = secrets.token_hex(16)
        log = os.path.join(run, 'postgres.log')
        for attempt in range(common.ATTEMPTS):
            port = common.free_port()
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
            common.record_server(workdir, child)

            def ready():
                psycopg2.connect(host=run, port=port, user='postgres',
                                 dbname='postgres', connect_timeout=5).close()
                return True
            try:
                common.wait_ready(child, ready, log, 'postgres')
                break
            except common.ServerError:
                common.stop(child, signal.SIGINT)
                last = attempt + 1 == common.ATTEMPTS
                if last or not common.address_in_use(log):
                    raise
        admin = psycopg2.connect(host=run, port=port, user='postgres',
                                 dbname='postgres')
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute('CREATE ROLE %s LOGIN CREATEDB PASSWORD %%s'
                               % common.USER, (password,))
                cursor.execute('CREATE DATABASE %s OWNER %s'
                               % (common.DATABASE, common.USER))
        finally:
            admin.close()
        yield common.Server('postgresql',
                            'postgresql+psycopg2://%(user)s:%(password)s'
                            '@127.0.0.1:%(port)d/%(database)s',
                            password, port, workdir, child.pid)
    finally:
        if child is not None:
            # SIGINT: fast shutdown, does not wait for clients to leave.
            common.stop(child, signal.SIGINT)
        shutil.rmtree(workdir, ignore_errors=True)
