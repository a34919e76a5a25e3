"""The agent's connection to its Redis: the unix socket, as its own ACL
user, whose password is kept in a root-only file on the volume."""
import secrets

import redis
from redis import backoff
from redis import retry

from trove.guestagent.datastores.common import volume
from trove.guestagent.datastores.redis import acl

SECTION = 'redis'
TIMEOUT = 5
# redis-py retries failed connections (and refused logins) three times
# with backoff by default: seconds that a probe of a starting or stopped
# engine must not wait. The agent's own polling retries.
NO_RETRY = retry.Retry(backoff.NoBackoff(), 0)


def new_agent_password(layout):
    password = secrets.token_urlsafe(32)
    volume.write_credentials(
        layout.admin_credentials, SECTION,
        {'user': acl.AGENT_USER, 'password': password,
         'socket': layout.socket})
    return password


def connect(layout):
    credentials = volume.read_credentials(layout.admin_credentials, SECTION)
    return redis.Redis(
        unix_socket_path=layout.socket, username=credentials['user'],
        password=credentials['password'], socket_timeout=TIMEOUT,
        socket_connect_timeout=TIMEOUT, retry=NO_RETRY,
        decode_responses=True)


def answers(layout):
    """True if the engine accepts the agent's login and answers PING."""
    try:
        connection = connect(layout)
    except OSError:
        return False
    try:
        return connection.ping()
    except redis.RedisError:
        return False
    finally:
        connection.close()
