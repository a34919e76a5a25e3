"""Keystone's WSGI application for gunicorn. Keystone parses sys.argv as
its own command line when it starts: gunicorn's arguments must not reach
it. The config file comes from OS_KEYSTONE_CONFIG_FILES."""
import sys

sys.argv = sys.argv[:1]

from keystone.wsgi import api  # noqa: E402

application = api.application
