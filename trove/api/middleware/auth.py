"""Wraps the API in the authentication [DEFAULT] auth_strategy selects,
and checks at start that its configuration can work."""
import ipaddress

from oslo_config import cfg

from trove.api.middleware import context
from trove.conf import CONF

AUTHTOKEN_GROUP = 'keystone_authtoken'

# Version discovery and the API's description (trove.api.openapi) must
# work before a client has a token.
PUBLIC_PATHS = ('', '/', '/openapi.json')


class _PublicPaths(object):
    """Sends the public paths around the authenticating pipeline."""

    def __init__(self, protected, public):
        self.protected = protected
        self.public = public

    def __call__(self, environ, start_response):
        if environ.get('PATH_INFO', '') in PUBLIC_PATHS:
            return self.public(environ, start_response)
        return self.protected(environ, start_response)


def _keystone(application):
    # Imported here: keystonemiddleware is heavy and only needed with
    # keystone. It reads [keystone_authtoken] from our CONF.
    from keystonemiddleware import auth_token

    protected = auth_token.AuthProtocol(
        context.KeystoneContextMiddleware(application),
        {'oslo_config_config': CONF})
    return _PublicPaths(protected,
                        context.AnonymousContextMiddleware(application))


def wrap(application):
    if CONF.auth_strategy == 'keystone':
        return _keystone(application)
    return context.NoAuthContextMiddleware(application)


def _keystone_problem():
    from keystoneauth1 import exceptions as ks_exceptions
    from keystoneauth1 import loading
    from keystonemiddleware import auth_token

    for group, opts in auth_token.list_opts():
        CONF.register_opts(opts, group=group)
    loading.register_auth_conf_options(CONF, AUTHTOKEN_GROUP)
    section = CONF[AUTHTOKEN_GROUP]
    if not section.www_authenticate_uri:
        return ('[keystone_authtoken] www_authenticate_uri is not set: '
                'clients would not know where to get a token.')
    if not section.auth_type:
        return ('[keystone_authtoken] auth_type is not set: trove-api '
                'has no service credentials to validate tokens with.')
    try:
        # Loads the plugin's own options too (auth_url, username, ...).
        plugin = loading.load_auth_from_conf_options(CONF, AUTHTOKEN_GROUP)
    except ks_exceptions.NoMatchingPlugin:
        return ('[keystone_authtoken] auth_type %s is not a known '
                'authentication plugin.' % section.auth_type)
    except ks_exceptions.MissingRequiredOptions as error:
        return ('[keystone_authtoken] misses %s (for auth_type %s).'
                % (', '.join(opt.dest for opt in error.options),
                   section.auth_type))
    except cfg.RequiredOptError as error:
        return '%s (for auth_type %s).' % (error, section.auth_type)
    if plugin is None:
        return '[keystone_authtoken] has no usable credentials.'
    # Plugins take a user by name or id, so neither is "required" to
    # keystoneauth; without both, every token check would fail.
    names = {opt.dest for opt in
             loading.get_auth_plugin_conf_options(section.auth_type)}
    missing = []
    if 'username' in names and not (section.username or section.user_id):
        missing.append('username')
    if 'password' in names and not section.password:
        missing.append('password')
    if missing:
        return ('[keystone_authtoken] misses %s (for auth_type %s).'
                % (', '.join(missing), section.auth_type))
    return None


def configuration_problem():
    """Why the configured authentication cannot work, or None. Checked by
    trove-api before it serves, so that a broken configuration is one
    message at start rather than a 500 on every request."""
    try:
        strategy = CONF.auth_strategy
    except ValueError as error:  # not one of the choices
        return str(error)
    if strategy == 'keystone':
        return _keystone_problem()
    if not _is_loopback(CONF.api.bind_host):
        return ('auth_strategy noauth trusts the project named in the URL: '
                '[api] bind_host must be a loopback address (it is %s); '
                'use auth_strategy keystone to serve other hosts.'
                % CONF.api.bind_host)
    return None


def _is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name
        return False
