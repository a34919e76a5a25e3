"""Wraps the API in the authentication [DEFAULT] auth_strategy selects."""
from trove.api.middleware import context
from trove.conf import CONF

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
