"""Entry point for WSGI servers other than trove-api's own (uWSGI,
mod_wsgi): ``trove.api.wsgi:init_application()``.

Config files come from TROVE_CONFIG_FILES (comma-separated) or the
default search path.
"""
import os

from oslo_log import log as logging

from trove.api import app
from trove.conf import CONF


def init_application():
    files = [name for name in os.environ.get(
        'TROVE_CONFIG_FILES', '').split(',') if name]
    logging.register_options(CONF)
    CONF([], project='trove',
         default_config_files=files or None)
    logging.setup(CONF, 'trove')
    return app.setup_app()
