"""Consistency: a backup taken while transactions commit restores whole
transactions only (MariaDB and PostgreSQL, through python-troveclient)."""
import random
import threading

import psycopg2
import pymysql
import pytest

from trove.tests.functional import test_backups as backup_tests
from trove.tests.functional import waiters

CONNECT = {
    'mariadb': lambda instance: pymysql.connect(
        host=instance.ip[0], user='bk', password='bk-pass', database='shop',
        autocommit=False),
    'postgresql': lambda instance: psycopg2.connect(
        host=instance.ip[0], user='bk', password='bk-pass', dbname='shop'),
}


def _query(engine, instance, sql):
    query = backup_tests._mysql if engine == 'mariadb' else backup_tests._pg
    return query(instance, sql)


class Transfers(object):
    """Moves money between 100 accounts, one transaction per transfer, and
    logs each transfer: in any consistent state the balances sum to
    100,000 and the ledger has one row per transfer made."""

    def __init__(self, engine, instance):
        self.engine = engine
        self.instance = instance
        self.committed = 0
        self.stop = threading.Event()
        _query(engine, instance, 'CREATE TABLE accounts (id INT PRIMARY '
                                 'KEY, balance INT NOT NULL)')
        _query(engine, instance, 'CREATE TABLE ledger (id INT PRIMARY KEY, '
                                 'source INT, target INT)')
        _query(engine, instance, 'INSERT INTO accounts VALUES %s' % ', '.join(
            '(%d, 1000)' % number for number in range(1, 101)))
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        connection = CONNECT[self.engine](self.instance)
        chooser = random.Random(7)
        try:
            while not self.stop.is_set():
                source, target = chooser.sample(range(1, 101), 2)
                with connection.cursor() as cursor:
                    cursor.execute('UPDATE accounts SET balance = balance - 7 '
                                   'WHERE id = %s', (source,))
                    cursor.execute('UPDATE accounts SET balance = balance + 7 '
                                   'WHERE id = %s', (target,))
                    cursor.execute('INSERT INTO ledger VALUES (%s, %s, %s)',
                                   (self.committed + 1, source, target))
                connection.commit()
                self.committed += 1
        finally:
            connection.close()


@pytest.mark.parametrize('engine', ['mariadb', 'postgresql'])
def test_a_backup_during_writes_restores_a_consistent_state(trove, engine):
    source = backup_tests._create(trove, 'bk-busy-%s' % engine, engine)
    restored = None
    transfers = Transfers(engine, source)
    try:
        transfers.thread.start()
        waiters.wait_until(lambda: transfers.committed >= 50, timeout=60,
                           interval=0.05, what='50 committed transfers')
        before = transfers.committed
        backup = waiters.wait_for_backup(trove, trove.backups.create(
            'busy', source.id).id)
        during = transfers.committed - before
        transfers.stop.set()
        transfers.thread.join(30)
        assert during > 0, 'no transfer committed while the backup ran'
        restored = backup_tests._create(trove, 'bk-busy-restored', engine,
                                        backup=backup.id)
        (total,), = _query(engine, restored,
                           'SELECT SUM(balance) FROM accounts')
        (logged, highest), = _query(engine, restored,
                                    'SELECT COUNT(*), MAX(id) FROM ledger')
        assert total == 100000
        # Whole transfers only, none missing in between, and at least
        # those committed before the backup began.
        assert logged == highest >= before
        trove.backups.delete(backup.id)
    finally:
        transfers.stop.set()
        backup_tests._delete(trove, source)
        if restored is not None:
            backup_tests._delete(trove, restored)
