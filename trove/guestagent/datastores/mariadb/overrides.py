"""MariaDB configuration overrides: a [mysqld] file that my.cnf includes
last, and SET GLOBAL for what may change while the server runs."""
import configparser
import re

import pymysql

from trove.common import exception
from trove.guestagent.datastores.common import overrides
from trove.guestagent.datastores.mariadb import client
from trove.guestagent.datastores.mariadb import config

BOOLEANS = ('ON', 'OFF')
# System variable names: never quoted, so never anything else.
_NAME = re.compile(r'^[a-z][a-z0-9_]*\Z')
_SIZE = re.compile(r'^(\d+)([KMG])\Z', re.IGNORECASE)
_UNITS = {'K': 1024, 'M': 1024 ** 2, 'G': 1024 ** 3}
# Server errors that mean "not this value": the user's to fix.
_REFUSALS = {
    1115,   # ER_UNKNOWN_CHARACTER_SET
    1193,   # ER_UNKNOWN_SYSTEM_VARIABLE
    1231,   # ER_WRONG_VALUE_FOR_VAR
    1232,   # ER_WRONG_TYPE_FOR_VAR
    1238,   # ER_INCORRECT_GLOBAL_LOCAL_VAR (read only)
    1273,   # ER_UNKNOWN_COLLATION
}
DEFAULT = object()
_NAMED = (
    ('character_set_server', 'SELECT 1 FROM information_schema.'
     'CHARACTER_SETS WHERE CHARACTER_SET_NAME = %s'),
    ('collation_server', 'SELECT 1 FROM information_schema.COLLATIONS '
     'WHERE COLLATION_NAME = %s'),
)


def render(values):
    lines = ['# The configuration group of this instance (guest agent).',
             '[mysqld]']
    lines += ['%s = %s' % (name, overrides.file_value(values[name], BOOLEANS,
                                                      '"'))
              for name in sorted(values)]
    return '\n'.join(lines) + '\n'


def parse(text):
    """{name: value} of my.cnf's [mysqld] section, '-' read as '_'."""
    parser = configparser.ConfigParser(
        allow_no_value=True, interpolation=None, strict=False,
        delimiters=('=',), comment_prefixes=('#', ';'))
    parser.read_string('\n'.join(line for line in text.splitlines()
                                 if not line.startswith('!')))
    return {name.replace('-', '_'):
            True if value is None else overrides.plain_value(value)
            for name, value in parser['mysqld'].items()}


def sql_value(value):
    """A value for SET GLOBAL: sizes in my.cnf style (64M) as bytes."""
    if isinstance(value, bool):
        return BOOLEANS[0] if value else BOOLEANS[1]
    if isinstance(value, str):
        size = _SIZE.match(value)
        if size:
            return int(size.group(1)) * _UNITS[size.group(2).upper()]
    return value


def set_global(cur, name, value):
    name = name.replace('-', '_')
    if not _NAME.match(name):
        raise exception.BadRequest('%r is not a MariaDB variable name.'
                                   % name)
    if value is DEFAULT:
        cur.execute('SET GLOBAL %s = DEFAULT' % name)
    else:
        cur.execute('SET GLOBAL %s = %%s' % name, (sql_value(value),))


class MariaDBOverrides(overrides.OverridesManager):

    datastore_name = 'mariadb'

    def render(self, values):
        return render(values)

    def render_main_config(self):
        return config.render(self.settings, self.layout)

    def parse_main_config(self, text):
        return parse(text)

    def _value(self, values, defaults, name):
        if name in values:
            return values[name]
        return defaults.get(name.replace('-', '_'), DEFAULT)

    def check(self, values):
        """A character set or collation the server does not know would
        stop it at its next start."""
        wanted = [(name, values[name], query) for name, query in _NAMED
                  if isinstance(values.get(name), str)]
        if not wanted:
            return
        with client.cursor(client.connect_admin(self.layout)) as cur:
            for name, value, query in wanted:
                if not cur.execute(query, (value,)):
                    raise exception.BadRequest(
                        'MariaDB has no %s %s.' % (name, value))

    def apply_live(self, old, new, names):
        defaults = self.defaults()
        done = []
        with client.cursor(client.connect_admin(self.layout)) as cur:
            for name in names:
                try:
                    set_global(cur, name, self._value(new, defaults, name))
                except pymysql.MySQLError as error:
                    if error.args[0] not in _REFUSALS:
                        raise exception.GuestError(
                            reason='MariaDB error: %s' % error) from error
                    for undo in reversed(done):
                        set_global(cur, undo, self._value(old, defaults,
                                                          undo))
                    raise exception.BadRequest(
                        'MariaDB refused the value of %s: %s'
                        % (name, error.args[-1])) from None
                done.append(name)
        return []
