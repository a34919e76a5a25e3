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
import threading

from trove.tests.dbservers import common
from trove.tests.dbservers import mariadb
from trove.tests.dbservers import postgresql

ServerError = common.ServerError
reap_leftovers = common.reap_leftovers


SERVERS = {'mariadb': mariadb.mariadb, 'postgresql': postgresql.postgresql}


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
