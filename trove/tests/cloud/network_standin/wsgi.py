"""The stand-in's WSGI application, for gunicorn:

  NETWORK_STANDIN_CONFIG=standin.conf gunicorn \\
      trove.tests.cloud.network_standin.wsgi:application

standin.conf: ``[standin] store = <json file>`` and a
``[keystone_authtoken]`` section (keystonemiddleware's options, as in any
OpenStack service) that validates every caller's token; without that
section the API answers anyone (for unit tests only).
"""
import configparser
import os

from keystonemiddleware import auth_token

from trove.tests.cloud.network_standin import api


def build(config_path):
    parser = configparser.RawConfigParser(interpolation=None)
    parser.read(config_path)
    app = api.NetworkAPI(parser.get('standin', 'store'))
    if parser.has_section('keystone_authtoken'):
        app = auth_token.AuthProtocol(
            app, dict(parser.items('keystone_authtoken')))
    return app


application = build(os.environ['NETWORK_STANDIN_CONFIG']) \
    if 'NETWORK_STANDIN_CONFIG' in os.environ else None
