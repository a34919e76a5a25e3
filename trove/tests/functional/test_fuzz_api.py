"""schemathesis against the running API: requests generated from
GET /openapi.json, valid and invalid, for every operation. None may be a
5xx, and every error must be a Trove fault.

Half of the generated requests name real resources (an ACTIVE MariaDB
instance, its datastore and version, a flavor), so that they get past
the lookups into validation, the guest calls and the bus.
"""
import collections
import itertools

import hypothesis
import pytest
import schemathesis
from troveclient import exceptions

from trove.tests.functional import waiters

EXAMPLES_PER_MODE = 12
WANTED_REQUESTS = 1000
# Generated paths that would take the instance away from the other cases.
SPARED = {('DELETE', '/v1.0/{project_id}/instances/{instance_id}'),
          ('POST', '/v1.0/{project_id}/instances/{instance_id}/action'),
          ('POST', '/v1.0/{project_id}/mgmt/instances/{instance_id}/action')}


@pytest.fixture(scope='module')
def instance(trove):
    version = trove.datastore_versions.list('mariadb')[0]
    created = trove.instances.create(
        'fuzz-db', '2', volume={'size': 1}, datastore='mariadb',
        datastore_version=version.name)
    active = waiters.wait_for_status(trove, created.id, ['ACTIVE', 'ERROR'])
    assert active.status == 'ACTIVE'
    yield active, version
    try:
        trove.instances.delete(created.id)
        waiters.wait_until_gone(trove, created.id)
    except exceptions.NotFound:
        pass


def _is_fault(body):
    if not (isinstance(body, dict) and len(body) == 1):
        return False
    inner = next(iter(body.values()))
    return (isinstance(inner, dict) and isinstance(inner.get('code'), int)
            and isinstance(inner.get('message'), str))


def test_generated_requests_get_no_5xx_and_only_trove_faults(deployment,
                                                             instance):
    active, version = instance
    real = {'project_id': 'demo', 'tenant_id': 'demo',
            'instance_id': active.id, 'datastore': 'mariadb',
            'version': version.name, 'version_id': version.id,
            'flavor_id': '2'}
    base = 'http://127.0.0.1:%d' % deployment.api_port
    schema = schemathesis.openapi.from_url(base + '/openapi.json')
    statuses = collections.Counter()
    failures = []
    alternate = itertools.cycle((True, False))

    def send(case):
        parameters = case.path_parameters or {}
        if parameters:
            parameters['project_id'] = 'demo'
            spared = (case.method.upper(), case.path) in SPARED
            if next(alternate) and not spared:
                for name in set(parameters) & set(real):
                    parameters[name] = real[name]
        response = case.call(base_url=base, timeout=60,
                             headers={'X-Auth-Token': 'demo'})
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append('%s %s -> %d %s' % (
                case.method, case.formatted_path, response.status_code,
                response.text[:300]))
        elif response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = None
            if not _is_fault(body):
                failures.append('%s %s -> %d not a fault: %s' % (
                    case.method, case.formatted_path,
                    response.status_code, response.text[:300]))

    settings = hypothesis.settings(
        max_examples=EXAMPLES_PER_MODE, deadline=None, database=None,
        phases=[hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck))
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in schemathesis.GenerationMode:
            strategy = operation.as_strategy(generation_mode=mode)
            run = settings(hypothesis.given(strategy)(send))
            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                pass   # an operation with nothing to vary (GET /)
    total = sum(statuses.values())
    print('fuzzed %d requests: %s' % (total, dict(statuses)))
    assert not failures, '\n'.join(failures[:30])
    assert total >= WANTED_REQUESTS, dict(statuses)
