"""Request contexts (noauth, keystone) and policy enforcement."""
from oslo_policy import opts as policy_opts
import pytest
import webob
import webtest

from trove.api.middleware import context as context_middleware
from trove.conf import CONF
from trove.policies import enforcer
from trove.tests.unit.api.conftest import ADMIN_TOKEN
from trove.tests.unit.api.conftest import PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault


@pytest.fixture
def admin_only_listing(api, tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text('"instance:index": "rule:admin"\n')
    policy_opts.set_defaults(CONF)
    CONF.set_override('policy_file', str(policy_file), group='oslo_policy')
    enforcer.reset()
    yield
    CONF.clear_override('policy_file', group='oslo_policy')
    enforcer.reset()


def test_overridden_rule_refuses_members(api, admin_only_listing):
    response = api.get(url('/instances'), expect_errors=True)
    assert 'instance:index' in assert_fault(response, 403, 'forbidden')


def test_overridden_rule_admits_the_noauth_admin(api, admin_only_listing):
    response = api.get(url('/instances'),
                       headers={'X-Auth-Token': ADMIN_TOKEN})
    assert response.json['instances'] == []


def test_wrong_token_is_not_admin(api, admin_only_listing):
    response = api.get(url('/instances'),
                       headers={'X-Auth-Token': ADMIN_TOKEN + 'x'},
                       expect_errors=True)
    assert_fault(response, 403, 'forbidden')


def _echo_context(environ, start_response):
    context = environ[context_middleware.CONTEXT_KEY]
    return webob.Response(json_body={
        'project_id': context.project_id, 'user_id': context.user_id,
        'roles': context.roles, 'is_admin': context.is_admin,
    })(environ, start_response)


def test_noauth_context_takes_the_url_project():
    app = webtest.TestApp(
        context_middleware.NoAuthContextMiddleware(_echo_context))
    body = app.get(url('/instances'), headers={'X-User-Id': 'alice'}).json
    assert body == {'project_id': PROJECT, 'user_id': 'alice',
                    'roles': ['member', 'reader'], 'is_admin': False}
    assert app.get(url('/instances')).json['user_id'] == 'noauth'


def _keystone_headers(project, roles):
    return {'X-Project-Id': project, 'X-User-Id': 'bob',
            'X-Roles': roles, 'X-Identity-Status': 'Confirmed'}


def test_keystone_context_takes_the_token_project():
    app = webtest.TestApp(
        context_middleware.KeystoneContextMiddleware(_echo_context))
    body = app.get(url('/instances'),
                   headers=_keystone_headers(PROJECT, 'member,reader')).json
    assert body['project_id'] == PROJECT
    assert body['roles'] == ['member', 'reader']
    assert body['is_admin'] is False


def test_keystone_refuses_another_projects_url_unless_admin(api):
    # The fault middleware renders the refusal; the app itself is not
    # reached.
    from trove.api.middleware import fault
    app = webtest.TestApp(fault.FaultMiddleware(
        context_middleware.KeystoneContextMiddleware(_echo_context)))
    response = app.get(url('/instances'),
                       headers=_keystone_headers('other', 'member'),
                       expect_errors=True)
    assert_fault(response, 403, 'forbidden')
    admin = app.get(url('/instances'),
                    headers=_keystone_headers('other', 'admin')).json
    assert admin['is_admin'] is True


def test_every_rule_is_registered():
    from trove import policies
    names = {rule.name for rule in policies.list_rules()}
    assert {'instance:create', 'instance:index', 'instance:show',
            'instance:delete', 'datastore:index', 'flavor:index',
            'limits:index'} <= names
