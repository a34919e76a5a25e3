"""Secure RBAC defaults as keystonemiddleware's headers present them:
readers read, members change, admins manage and reach every project."""
import pytest
import webtest

from trove.api import app
from trove.api.middleware import context as context_middleware
from trove.api.middleware import fault
from trove.tests.unit.api.conftest import create_body
from trove.tests.unit.api.conftest import OTHER_PROJECT
from trove.tests.unit.api.conftest import PROJECT
from trove.tests.unit.api.conftest import url
from trove.tests.unit.api.test_faults import assert_fault

# What Keystone's implied roles put in a token.
READER = 'reader'
MEMBER = 'member,reader'
ADMIN = 'admin,member,reader'


@pytest.fixture
def keystone_api(api):
    """The API behind the context keystonemiddleware's headers give
    (auth_token itself is exercised by the functional tests)."""
    return webtest.TestApp(fault.FaultMiddleware(
        context_middleware.KeystoneContextMiddleware(
            app.setup_pecan_app())))


def _as(roles, project=PROJECT):
    return {'X-Project-Id': project, 'X-User-Id': 'someone',
            'X-Roles': roles, 'X-Identity-Status': 'Confirmed'}


def _create(keystone_api, project=PROJECT):
    response = keystone_api.post_json(url('/instances', project),
                                      create_body(), headers=_as(MEMBER,
                                                                 project))
    return response.json['instance']['id']


def test_reader_reads_but_changes_nothing(keystone_api):
    instance_id = _create(keystone_api)
    headers = _as(READER)
    assert keystone_api.get(url('/instances'), headers=headers).json[
        'instances'][0]['id'] == instance_id
    keystone_api.get(url('/instances/%s' % instance_id), headers=headers)
    keystone_api.get(url('/limits'), headers=headers)
    refused = [
        keystone_api.post_json(url('/instances'), create_body(),
                               headers=headers, expect_errors=True),
        keystone_api.delete(url('/instances/%s' % instance_id),
                            headers=headers, expect_errors=True),
        keystone_api.post_json(url('/instances/%s/databases' % instance_id),
                               {'databases': [{'name': 'x'}]},
                               headers=headers, expect_errors=True),
    ]
    for response in refused:
        assert_fault(response, 403, 'forbidden')


def test_member_of_another_project_sees_nothing(keystone_api):
    instance_id = _create(keystone_api)
    other = _as(MEMBER, OTHER_PROJECT)
    # By the URL's project: refused before anything is looked up.
    assert_fault(keystone_api.get(url('/instances'), headers=other,
                                  expect_errors=True), 403, 'forbidden')
    # By id, under its own project: not found.
    path = url('/instances/%s' % instance_id, OTHER_PROJECT)
    assert_fault(keystone_api.get(path, headers=other, expect_errors=True),
                 404, 'itemNotFound')
    assert_fault(keystone_api.delete(path, headers=other,
                                     expect_errors=True),
                 404, 'itemNotFound')
    assert keystone_api.get(url('/instances', OTHER_PROJECT),
                            headers=other).json['instances'] == []


def test_admin_reaches_another_projects_instance_by_id(keystone_api,
                                                       taskmanager):
    instance_id = _create(keystone_api)
    admin = _as(ADMIN, OTHER_PROJECT)
    path = url('/instances/%s' % instance_id, OTHER_PROJECT)
    shown = keystone_api.get(path, headers=admin).json['instance']
    assert shown['id'] == instance_id
    keystone_api.delete(path, headers=admin, status=202)
    assert taskmanager.delete_instance.called
    # Its own project's list stays its own.
    assert keystone_api.get(url('/instances', OTHER_PROJECT),
                            headers=admin).json['instances'] == []


@pytest.mark.parametrize('roles', [READER, MEMBER])
def test_mgmt_is_for_admins(keystone_api, roles):
    headers = _as(roles)
    for path in ('/mgmt/quotas/%s' % PROJECT, '/mgmt/instances'):
        assert_fault(keystone_api.get(url(path), headers=headers,
                                      expect_errors=True), 403, 'forbidden')
    assert_fault(keystone_api.put_json(
        url('/mgmt/quotas/%s' % PROJECT), {'quotas': {'instances': 1}},
        headers=headers, expect_errors=True), 403, 'forbidden')


def test_admin_manages_quotas_of_any_project(keystone_api):
    admin = _as(ADMIN, OTHER_PROJECT)
    path = url('/mgmt/quotas/%s' % PROJECT, OTHER_PROJECT)
    keystone_api.put_json(path, {'quotas': {'instances': 3}}, headers=admin)
    limits = {quota['resource']: quota['limit']
              for quota in keystone_api.get(path, headers=admin).json[
                  'quotas']}
    assert limits['instances'] == 3


def test_project_rules_follow_secure_rbac():
    from trove import policies
    for rule in policies.list_rules():
        if not getattr(rule, 'operations', None):
            continue
        methods = {operation['method'] for operation in rule.operations}
        if rule.check_str == 'rule:admin_or_reader':
            assert methods == {'GET'}, rule.name
        elif rule.check_str == 'rule:admin_or_member':
            assert 'GET' not in methods, rule.name
        else:
            assert rule.check_str in ('rule:admin', ''), rule.name
