"""Two Keystone projects see nothing of each other, on every endpoint the
API serves: alt's member, against demo's resources, by demo's project in
the URL and by demo's resource ids under its own project, gets 403 or 404
and never demo's data; demo's reader reads but changes nothing."""
import json
import logging

import pytest

from trove.tests.functional import waiters

LOG = logging.getLogger(__name__)

# (method, path below /v1.0/{project}, body). {i} instance, {c}
# configuration group, {b} backup, {v}/{vid} datastore version name/id,
# {p} demo's project id; every route of API.md that trove-api serves.
ENDPOINTS = [
    ('GET', '/instances', None),
    ('GET', '/instances/detail', None),
    ('POST', '/instances', 'create'),
    ('GET', '/instances/{i}', None),
    ('PUT', '/instances/{i}', {'instance': {'name': 'stolen'}}),
    ('PATCH', '/instances/{i}', {'instance': {'name': 'stolen'}}),
    ('POST', '/instances/{i}/action', {'restart': {}}),
    ('GET', '/instances/{i}/backups', None),
    ('GET', '/instances/{i}/configuration', None),
    ('GET', '/instances/{i}/databases', None),
    ('POST', '/instances/{i}/databases', {'databases': [{'name': 'leak'}]}),
    ('GET', '/instances/{i}/users', None),
    ('POST', '/instances/{i}/users',
     {'users': [{'name': 'thief', 'password': 'thief-pass-1'}]}),
    ('PUT', '/instances/{i}/users',
     {'users': [{'name': 'app', 'password': 'stolen-pass-1'}]}),
    ('GET', '/instances/{i}/users/app', None),
    ('PUT', '/instances/{i}/users/app',
     {'user': {'password': 'stolen-pass-2'}}),
    ('GET', '/instances/{i}/users/app/databases', None),
    ('PUT', '/instances/{i}/users/app/databases',
     {'databases': [{'name': 'appdb'}]}),
    ('GET', '/instances/{i}/root', None),
    ('POST', '/instances/{i}/root', None),
    ('GET', '/backups', None),
    ('GET', '/backups?project_id={p}', None),
    ('GET', '/backups?instance_id={i}', None),
    ('POST', '/backups', {'backup': {'instance': '{i}', 'name': 'stolen'}}),
    ('GET', '/backups/{b}', None),
    ('GET', '/backup_strategies', None),
    ('GET', '/backup_strategies?project_id={p}', None),
    ('POST', '/backup_strategies',
     {'backup_strategy': {'instance_id': '{i}', 'swift_container': 'x'}}),
    ('GET', '/configurations', None),
    ('POST', '/configurations', 'configuration'),
    ('GET', '/configurations/{c}', None),
    ('PUT', '/configurations/{c}',
     {'configuration': {'values': {'max_connections': 51}}}),
    ('PATCH', '/configurations/{c}',
     {'configuration': {'values': {'max_connections': 52}}}),
    ('GET', '/configurations/{c}/instances', None),
    ('GET', '/datastores', None),
    ('GET', '/datastores/mariadb', None),
    ('GET', '/datastores/mariadb/versions', None),
    ('GET', '/datastores/mariadb/versions/{v}', None),
    ('GET', '/datastores/mariadb/versions/{v}/parameters', None),
    ('GET', '/datastores/mariadb/versions/{v}/parameters/max_connections',
     None),
    ('GET', '/datastores/versions/{vid}', None),
    ('GET', '/datastores/versions/{vid}/parameters', None),
    ('GET', '/datastores/versions/{vid}/parameters/max_connections', None),
    ('GET', '/flavors', None),
    ('GET', '/flavors/2', None),
    ('GET', '/limits', None),
    ('GET', '/mgmt/quotas/{p}', None),
    ('PUT', '/mgmt/quotas/{p}', {'quotas': {'instances': 99}}),
    ('GET', '/mgmt/instances', None),
    ('GET', '/mgmt/instances/{i}', None),
    ('POST', '/mgmt/instances/{i}/action', {'reboot': {}}),
    # Deletions last: were one let through, the rest would still be seen.
    ('DELETE', '/instances/{i}/users/app/databases/appdb', None),
    ('DELETE', '/instances/{i}/users/app', None),
    ('DELETE', '/instances/{i}/databases/appdb', None),
    ('DELETE', '/instances/{i}/root', None),
    ('DELETE', '/backup_strategies?instance_id={i}', None),
    ('DELETE', '/backups/{b}', None),
    ('DELETE', '/configurations/{c}', None),
    ('DELETE', '/instances/{i}', None),
]


def _fill(value, ids):
    if isinstance(value, str):
        for key, replacement in ids.items():
            value = value.replace('{%s}' % key, replacement)
        return value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


@pytest.fixture(scope='module')
def demo(keystone_deployment):
    """demo's instance (ACTIVE, a database and a user), configuration group
    and backup; and what identifies them in a response."""
    trove = keystone_deployment.client('trove')
    versions = keystone_deployment.request(
        'GET', '/datastores/mariadb/versions').json()['versions']
    version = versions[0]
    instance = trove.instances.create(
        'iso-db', '2', volume={'size': 1}, datastore='mariadb',
        datastore_version=version['name'],
        databases=[{'name': 'appdb'}],
        users=[{'name': 'app', 'password': 'app-pass-1',
                'databases': [{'name': 'appdb'}]}])
    configuration = trove.configurations.create(
        'iso-conf', json.dumps({'max_connections': 50}),
        datastore='mariadb', datastore_version=version['name'])
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'], timeout=180)
    backup = trove.backups.create('iso-backup', instance.id)
    # The sweep reads the instance's databases: it must be ACTIVE again,
    # not still in BACKUP (a 422 that is no isolation failure).
    waiters.wait_for_backup(trove, backup.id)
    waiters.wait_for_status(trove, instance.id, ['ACTIVE'])
    keystone_deployment.request('POST', '/backup_strategies', json={
        'backup_strategy': {'instance_id': instance.id,
                            'swift_container': 'iso-container'}})
    ids = {'i': instance.id, 'c': configuration.id, 'b': backup.id,
           'v': version['name'], 'vid': version['id'],
           'p': keystone_deployment.project_id('trove')}
    markers = [instance.id, configuration.id, backup.id, 'iso-db',
               'iso-conf', 'iso-backup', 'iso-container', ids['p']]
    bodies = {
        'create': {'instance': {
            'name': 'alt-db', 'flavorRef': '2', 'volume': {'size': 1},
            'datastore': {'type': 'mariadb', 'version': version['name']}}},
        'configuration': {'configuration': {
            'name': 'alt-conf', 'values': {'max_connections': 60},
            'datastore': {'type': 'mariadb', 'version': version['name']}}},
    }
    return {'ids': ids, 'markers': markers, 'bodies': bodies,
            'trove': trove}


def _request(deployment, demo, method, path, body, cloud, project=None):
    path = _fill(path, demo['ids'])
    if isinstance(body, str):
        body = demo['bodies'][body]
    kwargs = {} if body is None else {'json': _fill(body, demo['ids'])}
    response = deployment.request(method, path, cloud=cloud,
                                  project=project, **kwargs)
    # An error may echo what was asked (the id not found): only what the
    # request did not carry counts as leaked.
    sent = path + json.dumps(kwargs.get('json'))
    response.leaked = [marker for marker in demo['markers']
                       if marker in response.text and marker not in sent]
    return response


def _names_demo_resource(path, body):
    """Whether the request names one of demo's own resources in its path
    or body (datastore versions are everybody's). A query filter
    (?instance_id=) only narrows what the caller's own project holds: its
    answer may be a 2xx, of alt's data only."""
    text = path.split('?')[0] + json.dumps(body)
    return any('{%s}' % key in text for key in 'icbp')


def test_alt_sees_and_changes_nothing_of_demo(keystone_deployment, demo):
    demo_project = demo['ids']['p']
    checked, leaks = 0, []
    for method, path, body in ENDPOINTS:
        # 1. Demo's project in the URL: refused before anything is read.
        response = _request(keystone_deployment, demo, method, path, body,
                            'trove-alt', project=demo_project)
        checked += 1
        if response.status_code != 403 or response.leaked:
            leaks.append((method, path, 'url', response.status_code,
                          response.text[:200]))
        # 2. Alt's own project, demo's resources by id: not found (or
        # forbidden); requests naming none of demo's resources may answer,
        # with alt's own data only. Creations of alt's own are not sent.
        if method == 'POST' and not _names_demo_resource(path, body):
            continue
        response = _request(keystone_deployment, demo, method, path, body,
                            'trove-alt')
        checked += 1
        refused = response.status_code in (403, 404)
        if ((_names_demo_resource(path, body) and not refused)
                or response.leaked):
            leaks.append((method, path, 'id', response.status_code,
                          response.text[:200]))
    LOG.warning('isolation sweep: %d endpoints, %d requests, %d leaks',
                len(ENDPOINTS), checked, len(leaks))
    print('isolation sweep: %d endpoints x 2 ways, %d requests checked, '
          '%d leaks' % (len(ENDPOINTS), checked, len(leaks)))
    assert leaks == [], leaks

    # Nothing of demo's changed.
    trove = demo['trove']
    instance = trove.instances.get(demo['ids']['i'])
    assert instance.name == 'iso-db'
    assert 'appdb' in [d.name for d in trove.databases.list(instance)]
    assert 'app' in [u.name for u in trove.users.list(instance)]
    assert trove.backups.get(demo['ids']['b']).name == 'iso-backup'
    values = trove.configurations.get(demo['ids']['c']).values
    assert values['max_connections'] == 50
    strategies = keystone_deployment.request(
        'GET', '/backup_strategies').json()['backup_strategies']
    assert 'iso-container' in [s['swift_container'] for s in strategies]


def test_demo_reader_reads_but_cannot_change(keystone_deployment, demo):
    refused_writes, failed_reads = [], []
    for method, path, body in ENDPOINTS:
        # Admin only, for readers as for members.
        if path.startswith('/mgmt') or 'project_id=' in path:
            continue
        response = _request(keystone_deployment, demo, method, path, body,
                            'trove-reader')
        if method == 'GET':
            if response.status_code != 200:
                failed_reads.append((path, response.status_code))
        elif response.status_code != 403:
            refused_writes.append((method, path, response.status_code))
    assert failed_reads == []
    assert refused_writes == []
