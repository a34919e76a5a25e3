"""nova-api's WSGI application for gunicorn (the test cloud). Nova parses
sys.argv as its own command line when the application loads: gunicorn's
arguments must not reach it. The config comes from OS_NOVA_CONFIG_DIR and
OS_NOVA_CONFIG_FILES."""
import sys

sys.argv = sys.argv[:1]

from nova.wsgi import osapi_compute  # noqa: E402

application = osapi_compute.application
