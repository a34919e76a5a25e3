"""What a MariaDB server holds: schemas, accounts and database grants,
read through the agent's cursor. Names are compared exactly: either in
Python, or against mysql.* columns, whose collation is utf8mb3_bin."""
import collections

from trove.common import exception
from trove.guestagent.datastores.mariadb import sql


def identity(name, host):
    return "'%s'@'%s'" % (name, host)


def schemata(cur):
    """{name: (character set, collation)} of every schema, compared exactly
    in Python: SCHEMATA's own comparisons are case-insensitive."""
    cur.execute('SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, '
                'DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA')
    return {row[0]: row[1:] for row in cur.fetchall()}


def require_databases(cur, names):
    existing = schemata(cur)
    missing = [name for name in names if name not in existing]
    if missing:
        raise exception.NotFound('Database %s does not exist.'
                                 % ', '.join(missing))


def accounts(cur):
    """[(user, host)] of every account that is not a role."""
    cur.execute("SELECT User, Host FROM mysql.user WHERE is_role = 'N'")
    return cur.fetchall()


def account_exists(cur, name, host):
    cur.execute("SELECT 1 FROM mysql.user WHERE User = %s AND Host = %s "
                "AND is_role = 'N'", (name, host))
    return cur.fetchone() is not None


def require_user(cur, name, host):
    if not account_exists(cur, name, host):
        raise exception.NotFound('User %s does not exist.'
                                 % identity(name, host))


def grants(cur, name=None, host=None):
    """{(user, host): {database: [(grant pattern, has grant option)]}}
    from the database-level grants."""
    statement, params = 'SELECT User, Host, Db, Grant_priv FROM mysql.db', None
    if name is not None:
        statement += ' WHERE User = %s AND Host = %s'
        params = (name, host)
    cur.execute(statement, params)
    found = collections.defaultdict(lambda: collections.defaultdict(list))
    for user, user_host, pattern, grant_option in cur.fetchall():
        database = sql.database_of_pattern(pattern)
        found[(user, user_host)][database].append(
            (pattern, grant_option == 'Y'))
    return found
