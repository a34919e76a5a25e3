"""What exists in a PostgreSQL instance: the queries behind the admin's
checks, so that a request is refused before it changes anything."""
from trove.guestagent.datastores.common import names
from trove.guestagent.datastores.postgresql import sql


def _exists(cur, query, name):
    cur.execute(query, (name,))
    return cur.fetchone() is not None


def database_exists(cur, name):
    return _exists(cur, sql.DATABASE_EXISTS, name)


def user_exists(cur, name):
    """Any role by that name: a user's, or one root made."""
    return _exists(cur, sql.ROLE_EXISTS, name)


def require_user(cur, name):
    if name in sql.RESERVED_USERS or not _exists(cur, sql.USER_EXISTS, name):
        raise names.not_found('User', name)


def require_databases(cur, databases):
    missing = [name for name in databases
               if name in sql.RESERVED_DATABASES
               or not database_exists(cur, name)]
    if missing:
        raise names.not_found('Database', ', '.join(missing))


def refuse_existing_users(cur, users):
    clash = [name for name in users if user_exists(cur, name)]
    if clash:
        raise names.already_exists('User', ', '.join(clash))


def user_databases(cur, name):
    cur.execute(sql.USER_DATABASES, (name, sql.MAINTENANCE_DB))
    return [db for (db,) in cur.fetchall()]


def user(cur, name):
    return {'name': name, 'host': '%',
            'databases': [{'name': db} for db in user_databases(cur, name)]}


def databases(cur):
    cur.execute(sql.LIST_DATABASES, (sql.MAINTENANCE_DB,))
    return [{'name': name, 'character_set': encoding, 'collate': collate}
            for name, encoding, collate in cur.fetchall()]


def user_names(cur):
    cur.execute(sql.LIST_USERS, (sql.SUPERUSER,))
    return [name for (name,) in cur.fetchall()]


def connectable_databases(cur):
    cur.execute(sql.CONNECTABLE_DATABASES)
    return [name for (name,) in cur.fetchall()]
