"""What every trove console script does first."""
import sys

from oslo_log import log as logging

from trove.conf import CONF


def setup(argv=None, name='trove'):
    logging.register_options(CONF)
    CONF(sys.argv[1:] if argv is None else argv, project='trove')
    logging.setup(CONF, name)
