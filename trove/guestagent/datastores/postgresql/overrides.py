"""PostgreSQL configuration overrides: a file postgresql.conf includes
last; a reload (pg_reload_conf) applies what may change while the server
runs, and the server itself says which values it would refuse."""
import time

from trove.common import exception
from trove.guestagent.datastores.common import clock
from trove.guestagent.datastores.common import overrides
from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.postgresql import client
from trove.guestagent.datastores.postgresql import config

BOOLEANS = ('on', 'off')
RELOAD_TIMEOUT = 10
# What pg_file_settings says of a value that needs a restart to apply.
_NEEDS_RESTART = 'setting could not be applied'


def render(values):
    lines = ['# The configuration group of this instance (guest agent).']
    lines += ['%s = %s' % (name, overrides.file_value(values[name], BOOLEANS,
                                                      "'"))
              for name in sorted(values)]
    return '\n'.join(lines) + '\n'


def _value_text(text):
    text = text.strip()
    if text.startswith("'"):
        return text[:text.find("'", 1) + 1]
    return text.split('#', 1)[0].strip()


def parse(text):
    """{name: value} of postgresql.conf (includes are not followed)."""
    found = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith('#') or '=' not in line:
            continue
        name, value = line.split('=', 1)
        name = name.strip()
        if not name.startswith('include'):
            found[name] = overrides.plain_value(_value_text(value))
    return found


class PostgreSQLOverrides(overrides.OverridesManager):

    datastore_name = 'postgresql'

    def render(self, values):
        return render(values)

    def render_main_config(self):
        return config.render(self.settings, self.layout)[
            self.layout.config_file]

    def parse_main_config(self, text):
        return parse(text)

    def apply_live(self, old, new, names):
        """The new file first, checked by the server before any reload:
        a refused value puts the old file back."""
        path = self.layout.overrides_file
        template.write(path, render(new))
        with client.cursor(self.layout) as cur:
            cur.execute('SELECT name, error FROM pg_file_settings '
                        'WHERE sourcefile = %s AND error IS NOT NULL',
                        (path,))
            refused = sorted(name for name, error in cur.fetchall()
                             if name in names or error != _NEEDS_RESTART)
            if refused:
                template.write(path, render(old))
                raise exception.BadRequest(
                    'PostgreSQL refused the value of %s.'
                    % ', '.join(refused))
            cur.execute('SELECT pg_conf_load_time(), pg_reload_conf()')
            before = cur.fetchone()[0]
            _wait_reloaded(cur, before)
        return []


def _wait_reloaded(cur, before):
    """This session reloads its settings after the server does: once it
    has, new sessions see the new values too."""
    deadline = clock.monotonic() + RELOAD_TIMEOUT
    while clock.monotonic() < deadline:
        cur.execute('SELECT pg_conf_load_time()')
        if cur.fetchone()[0] > before:
            return
        time.sleep(0.02)
    raise exception.GuestError(
        reason='PostgreSQL did not reload its configuration in %ss'
        % RELOAD_TIMEOUT)
