"""What the standby imports for the agents it forks: once it has, an
agent's first connection to the broker imports nothing more (it would,
after the drop to the instance's user, just before serving)."""
import json
import subprocess
import sys

# In a fresh interpreter, as the standby starts: the preload, then a
# connection to a closed port on this host, recording what it imports.
SCRIPT = r'''
import json
import sys

import kombu

from trove.cmd import guest_standby

guest_standby._preload_plugins()
imported = []


class Recorder(object):
    def find_spec(self, name, path=None, target=None):
        imported.append(name)
        return None


sys.meta_path.insert(0, Recorder())
connection = kombu.Connection('pyamqp://guest:guest@127.0.0.1:1//',
                              connect_timeout=1)
try:
    connection.connect()
except Exception as error:
    refused = type(error).__name__
print(json.dumps({'imported': imported, 'refused': refused}))
'''


def test_a_first_connection_after_the_preload_imports_nothing():
    result = subprocess.run([sys.executable, '-c', SCRIPT],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert found['refused']  # it did try, and nobody listens there
    assert found['imported'] == []
