"""The network stand-in's API as Nova and the openstack CLI call it (the
store is a real JSON file; no Keystone: callers' headers are set as
keystonemiddleware would set them)."""
import json

import webob

from trove.tests.cloud.network_standin import api

ADMIN = {'X-Project-Id': 'admin-project', 'X-Roles': 'admin,member'}
DEMO = {'X-Project-Id': 'demo-project', 'X-Roles': 'member'}


def call(app, method, path, headers, body=None):
    request = webob.Request.blank(path, method=method, headers=headers)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    return response.status_int, (response.json if response.body else None)


def make_network(app, shared=True):
    _, body = call(app, 'POST', '/v2.0/networks', ADMIN,
                   {'network': {'name': 'trove-mgmt', 'shared': shared}})
    network = body['network']
    status, body = call(app, 'POST', '/v2.0/subnets', ADMIN, {'subnet': {
        'network_id': network['id'], 'cidr': '127.66.0.0/16',
        'ip_version': 4}})
    assert status == 201
    return network, body['subnet']


def test_ports_get_loopback_addresses_and_survive_a_restart(tmp_path):
    store = str(tmp_path / 'network.json')
    app = api.NetworkAPI(store)
    network, subnet = make_network(app)
    status, body = call(app, 'POST', '/v2.0/ports', DEMO, {'port': {
        'network_id': network['id'], 'device_id': 'server-1'}})
    assert status == 201
    port = body['port']
    assert port['fixed_ips'] == [{'subnet_id': subnet['id'],
                                  'ip_address': '127.66.0.2'}]
    assert port['project_id'] == 'demo-project'
    assert len(port['security_groups']) == 1  # the project's default

    restarted = api.NetworkAPI(store)
    _, body = call(restarted, 'GET', '/v2.0/ports?device_id=server-1',
                   ADMIN)
    assert [p['id'] for p in body['ports']] == [port['id']]
    _, body = call(restarted, 'POST', '/v2.0/ports', DEMO, {'port': {
        'network_id': network['id']}})
    assert body['port']['fixed_ips'][0]['ip_address'] == '127.66.0.3'


def test_binding_update_and_delete(tmp_path):
    app = api.NetworkAPI(str(tmp_path / 'network.json'))
    network, _ = make_network(app)
    _, body = call(app, 'POST', '/v2.0/ports', ADMIN, {'port': {
        'network_id': network['id'], 'device_id': 'server-1'}})
    port_id = body['port']['id']
    status, body = call(app, 'PUT', '/v2.0/ports/' + port_id, ADMIN, {
        'port': {'binding:host_id': 'trove-test-cloud'}})
    assert status == 200
    assert body['port']['binding:vif_type'] == 'other'
    assert body['port']['status'] == 'ACTIVE'
    status, _ = call(app, 'DELETE', '/v2.0/networks/' + network['id'],
                     ADMIN)
    assert status == 409
    assert call(app, 'DELETE', '/v2.0/ports/' + port_id, ADMIN)[0] == 204
    status, body = call(app, 'GET', '/v2.0/ports/' + port_id, ADMIN)
    assert status == 404 and 'NeutronError' in body


def test_projects_see_their_own_and_shared_networks(tmp_path):
    app = api.NetworkAPI(str(tmp_path / 'network.json'))
    make_network(app, shared=True)
    _, private = call(app, 'POST', '/v2.0/networks', ADMIN,
                      {'network': {'name': 'admin-only'}})
    _, body = call(app, 'GET', '/v2.0/networks', DEMO)
    assert [n['name'] for n in body['networks']] == ['trove-mgmt']
    status, _ = call(app, 'GET', '/v2.0/networks/' +
                     private['network']['id'], DEMO)
    assert status == 404
    _, body = call(app, 'GET', '/v2.0/networks?fields=id&fields=name',
                   ADMIN)
    assert all(set(n) == {'id', 'name'} for n in body['networks'])


def test_security_group_rules(tmp_path):
    app = api.NetworkAPI(str(tmp_path / 'network.json'))
    _, body = call(app, 'POST', '/v2.0/security-groups', DEMO, {
        'security_group': {'name': 'trove-db'}})
    group = body['security_group']
    assert [r['direction'] for r in group['security_group_rules']] == [
        'egress']
    status, body = call(app, 'POST', '/v2.0/security-group-rules', DEMO, {
        'security_group_rule': {
            'security_group_id': group['id'], 'direction': 'ingress',
            'protocol': 'tcp', 'port_range_min': 3306,
            'port_range_max': 3306, 'remote_ip_prefix': '10.0.0.0/8'}})
    assert status == 201
    _, body = call(app, 'GET', '/v2.0/security-groups/' + group['id'], DEMO)
    ingress = [r for r in body['security_group']['security_group_rules']
               if r['direction'] == 'ingress']
    assert ingress[0]['port_range_min'] == 3306
    assert call(app, 'DELETE', '/v2.0/security-groups/' + group['id'],
                DEMO)[0] == 204
    _, body = call(app, 'GET', '/v2.0/security-group-rules', DEMO)
    assert group['id'] not in [r['security_group_id']
                               for r in body['security_group_rules']]


def test_bad_input_is_a_neutron_fault(tmp_path):
    app = api.NetworkAPI(str(tmp_path / 'network.json'))
    status, body = call(app, 'POST', '/v2.0/networks', ADMIN, {'nope': {}})
    assert status == 400 and body['NeutronError']['type'] == 'BadRequest'
    network, _ = make_network(app)
    status, _ = call(app, 'POST', '/v2.0/subnets', ADMIN, {'subnet': {
        'network_id': network['id'], 'cidr': '10.0.0.0/24'}})
    assert status == 400
    assert call(app, 'GET', '/v2.0/routers', ADMIN)[0] == 404
