"""Builds the TroveContext of a request and puts it in the WSGI environ.

noauth trusts the project in the URL (embedded, single-operator use);
keystone trusts the headers keystonemiddleware sets after validating the
token, and checks that the URL names the token's project.
"""
import hmac

from trove.common import context as trove_context
from trove.common import exception
from trove.conf import CONF

CONTEXT_KEY = 'trove.context'
NOAUTH_USER = 'noauth'


def url_project_id(path):
    """The {project_id} of /v1.0/{project_id}/..., else None."""
    parts = path.strip('/').split('/')
    if len(parts) >= 2 and parts[0] == 'v1.0' and parts[1]:
        return parts[1]
    return None


def _is_noauth_admin(token):
    admin_token = CONF.api.noauth_admin_token
    if not admin_token or token is None:
        return False
    return hmac.compare_digest(token.encode(), admin_token.encode())


def _has_admin_role(roles):
    return bool(set(roles) & set(CONF.admin_roles))


class NoAuthContextMiddleware(object):

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        is_admin = _is_noauth_admin(environ.get('HTTP_X_AUTH_TOKEN'))
        environ[CONTEXT_KEY] = trove_context.TroveContext(
            project_id=url_project_id(environ.get('PATH_INFO', '')),
            user_id=environ.get('HTTP_X_USER_ID') or NOAUTH_USER,
            # The roles Keystone's implied roles would give.
            roles=(['admin', 'member', 'reader'] if is_admin
                   else ['member', 'reader']),
            is_admin=is_admin)
        return self.application(environ, start_response)


class KeystoneContextMiddleware(object):
    """Runs behind keystonemiddleware.auth_token."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        context = trove_context.TroveContext.from_environ(environ)
        context.is_admin = _has_admin_role(context.roles)
        url_project = url_project_id(environ.get('PATH_INFO', ''))
        if (url_project is not None and url_project != context.project_id
                and not context.is_admin):
            raise exception.Forbidden(
                'The project in the URL is not the project of the token.')
        environ[CONTEXT_KEY] = context
        return self.application(environ, start_response)


class AnonymousContextMiddleware(object):
    """For public paths (version discovery) in front of any auth."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        environ[CONTEXT_KEY] = trove_context.TroveContext(roles=[],
                                                          is_admin=False)
        return self.application(environ, start_response)
