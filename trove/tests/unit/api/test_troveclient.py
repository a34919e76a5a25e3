"""python-troveclient and its `openstack` commands' formatting, against the
app in process (a requests adapter in place of the network)."""
from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
from osc_lib import utils as osc_utils
import pytest
import requests
from troveclient import exceptions
from troveclient.osc.v1 import database_instances
from troveclient.osc.v1 import datastores as osc_datastores
from troveclient.v1 import client as trove_client
import webob

from trove.tests.unit.api.conftest import PROJECT


class _WsgiAdapter(requests.adapters.BaseAdapter):
    """Sends a requests.Session's requests to a WSGI app."""

    def __init__(self, app):
        super().__init__()
        self.app = app

    def send(self, request, **_kwargs):
        wsgi_request = webob.Request.blank(
            request.path_url, method=request.method,
            headers=dict(request.headers),
            body=(request.body.encode() if isinstance(request.body, str)
                  else request.body or b''))
        wsgi_response = wsgi_request.get_response(self.app)
        response = requests.Response()
        response.status_code = wsgi_response.status_int
        response.reason = wsgi_response.status.split(' ', 1)[1]
        response.headers.update(wsgi_response.headers)
        response._content = wsgi_response.body
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


@pytest.fixture
def trove(api, tmp_path, monkeypatch):
    monkeypatch.setenv('TROVECLIENT_UUID_CACHE_DIR', str(tmp_path))
    auth = token_endpoint.Token('http://trove.test/v1.0/%s' % PROJECT,
                                'any-token')
    session = ks_session.Session(auth=auth)
    session.session.mount('http://trove.test', _WsgiAdapter(api.app))
    return trove_client.Client(session=session)


def _create(trove, name='db1'):
    return trove.instances.create(
        name, '2', volume={'size': 1, 'type': None}, datastore='mariadb',
        datastore_version='10.11', databases=[{'name': 'mydb'}],
        users=[{'name': 'u', 'password': 'p',
                'databases': [{'name': 'mydb'}]}],
        access={'is_public': False})


def test_instance_create_list_show_delete(trove):
    created = _create(trove)
    assert created.status == 'BUILD'
    rows = database_instances.get_instances_info(trove.instances.list())
    columns = database_instances.ListDatabaseInstances.columns
    [row] = [osc_utils.get_dict_properties(info, columns) for info in rows]
    listed = dict(zip(columns, row))
    assert listed['Name'] == 'db1'
    assert listed['Datastore'] == 'mariadb'
    assert listed['Datastore Version'] == '10.11'
    assert listed['Status'] == 'BUILD'
    assert listed['Flavor ID'] == '2'
    assert listed['Size'] == 1
    found = osc_utils.find_resource(trove.instances, 'db1')
    shown = database_instances.set_attributes_for_print_detail(found)
    assert shown['id'] == created.id
    assert shown['datastore_version'] == '10.11'
    trove.instances.delete(created.id)


def test_unknown_instance_raises_not_found(trove):
    with pytest.raises(exceptions.NotFound):
        trove.instances.get('7d4bc43c-0000-4000-8000-000000000000')


def test_bad_create_raises_bad_request(trove):
    with pytest.raises(exceptions.BadRequest):
        trove.instances.create('', '2', volume={'size': 1})


def test_paginated_list_carries_the_next_marker(trove):
    first, second = _create(trove, 'a'), _create(trove, 'b')
    page = trove.instances.list(limit=1)
    assert [i.id for i in page] == [first.id]
    assert page.next == first.id
    assert [i.id for i in trove.instances.list(marker=page.next)] == [
        second.id]


def test_datastores_flavors_limits(trove):
    [datastore] = trove.datastores.list()
    shown = osc_datastores.set_attributes_for_print_detail(
        osc_utils.find_resource(trove.datastores, 'mariadb'))
    assert shown['default_version'] == '10.11'
    [version] = trove.datastore_versions.list(datastore.name)
    assert trove.datastore_versions.get_by_uuid(version.id).name == '10.11'
    flavor = osc_utils.find_resource(trove.flavors, 'db.small')
    assert flavor.id == 2
    limits = trove.limits.list()
    assert limits[0].verb == 'ABSOLUTE'
    assert limits[1].verb in ('POST', 'PUT', 'DELETE', 'GET')
