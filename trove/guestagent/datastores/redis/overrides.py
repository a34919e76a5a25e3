"""Redis configuration overrides: a file redis.conf includes last, and
one CONFIG SET (atomic: all values or none) for the running server."""
import redis

from trove.common import exception
from trove.guestagent.datastores.common import overrides
from trove.guestagent.datastores.redis import client
from trove.guestagent.datastores.redis import config

BOOLEANS = ('yes', 'no')


def render(values):
    lines = ['# The configuration group of this instance (guest agent).']
    lines += ['%s %s' % (name, overrides.file_value(values[name], BOOLEANS,
                                                    '"'))
              for name in sorted(values)]
    return '\n'.join(lines) + '\n'


def parse(text):
    """{name: value} of redis.conf (includes are not followed)."""
    found = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        name, _, value = line.partition(' ')
        if name != 'include':
            found[name] = overrides.plain_value(value)
    return found


def command_value(value):
    if isinstance(value, bool):
        return BOOLEANS[0] if value else BOOLEANS[1]
    return str(value)


class RedisOverrides(overrides.OverridesManager):

    datastore_name = 'redis'

    def render(self, values):
        return render(values)

    def render_main_config(self):
        return config.render(self.settings, self.layout)

    def parse_main_config(self, text):
        return parse(text)

    def apply_live(self, old, new, names):
        """A removed value goes back to the template's; one the template
        does not set waits for a restart (Redis cannot reset a value to
        its built-in default)."""
        defaults = self.defaults()
        pairs, deferred = [], []
        for name in names:
            if name in new:
                pairs += [name, command_value(new[name])]
            elif name in defaults:
                pairs += [name, command_value(defaults[name])]
            else:
                deferred.append(name)
        if not pairs:
            return deferred
        connection = client.connect(self.layout)
        try:
            connection.execute_command('CONFIG', 'SET', *pairs)
        except redis.ResponseError as error:
            raise exception.BadRequest('Redis refused the configuration: %s'
                                       % error) from None
        except (redis.RedisError, OSError) as error:
            raise exception.GuestError(
                reason='cannot reach Redis: %s' % error) from error
        finally:
            connection.close()
        return deferred
