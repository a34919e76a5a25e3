"""Signing of guest reports, and the conductor's gate in front of them."""
import time

import pytest

from trove.common import crypto
from trove.conductor import believed
from trove.conductor import proof
from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.instance import keys
from trove.instance.status import ServiceStatus as S
from trove.tests.unit.conductor import signed

KEY = crypto.generate_key()
ARGS = {'instance_id': 'i-1', 'status': 'HEALTHY', 'sent': 12.5}


def test_a_proof_verifies_for_exactly_what_was_signed():
    made = proof.sign(KEY, 'heartbeat', 'i-1', ARGS)
    assert made['instance_id'] == 'i-1'
    assert proof.valid(KEY, 'heartbeat', 'i-1', ARGS, made)


@pytest.mark.parametrize('change', [
    {'key': crypto.generate_key()},
    {'method': 'report_fault'},
    {'instance_id': 'i-2'},
    {'arguments': dict(ARGS, status='SHUTDOWN')},
    {'arguments': dict(ARGS, sent=99.0)},
])
def test_a_proof_fails_for_anything_else(change):
    made = proof.sign(KEY, 'heartbeat', 'i-1', ARGS)
    call = dict({'key': KEY, 'method': 'heartbeat', 'instance_id': 'i-1',
                 'arguments': ARGS}, **change)
    assert not proof.valid(call['key'], call['method'],
                           call['instance_id'], call['arguments'], made)


@pytest.mark.parametrize('bad', [None, 'x', {}, {'instance_id': 'i-1'},
                                 {'instance_id': 'i-1', 'hmac': 3}])
def test_malformed_proofs_are_refused(bad):
    assert not proof.valid(KEY, 'heartbeat', 'i-1', ARGS, bad)


def _instance(name):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    return instances_api.create_instance(
        'proj', name, '2', 1, version.id, keys.new_encrypted_key()[1], None)


def _status(instance):
    return instances_api.get_instance(
        None, instance.id).service_status.status


def test_reports_without_a_proof_are_dropped(control_db):
    victim = _instance('b')
    before = believed.dropped
    signed.AsGuest().conductor.heartbeat(
        None, instance_id=victim.id, status=S.SHUTDOWN,
        sent=time.time() + 3600)
    assert _status(victim) == S.NEW
    assert believed.dropped == before + 1


def test_another_instances_key_proves_nothing(control_db):
    attacker, victim = _instance('a'), _instance('b')
    arguments = {'instance_id': victim.id, 'status': S.SHUTDOWN,
                 'sent': time.time()}
    conductor = signed.AsGuest().conductor
    conductor.heartbeat(None, proof=proof.sign(
        signed.rpc_key(attacker.id), 'heartbeat', victim.id, arguments),
        **arguments)
    # A's genuine proof, for a report about A, sent with B's id.
    conductor.heartbeat(None, proof=proof.sign(
        signed.rpc_key(attacker.id), 'heartbeat', attacker.id,
        dict(arguments, instance_id=attacker.id)), **arguments)
    assert _status(victim) == S.NEW


def test_an_old_report_is_dropped_as_a_replay(control_db):
    instance = _instance('a')
    signed.AsGuest().heartbeat(None, instance.id, S.SHUTDOWN, -3600.0)
    assert _status(instance) == S.NEW
    signed.AsGuest().heartbeat(None, instance.id, S.HEALTHY, 1.0)
    assert _status(instance) == S.HEALTHY


def test_reports_about_unknown_instances_are_dropped(control_db):
    arguments = {'instance_id': 'nope', 'status': S.HEALTHY,
                 'sent': time.time()}
    assert signed.AsGuest().conductor.heartbeat(
        None, proof=proof.sign(KEY, 'heartbeat', 'nope', arguments),
        **arguments) is None


def test_drops_are_logged_once_a_minute_per_sender(control_db, caplog):
    victim = _instance('b')
    conductor = signed.AsGuest().conductor
    for _ in range(5):
        conductor.heartbeat(None, instance_id=victim.id, status=S.SHUTDOWN,
                            sent=time.time())
    warnings = [r for r in caplog.records if r.levelname == 'WARNING'
                and 'Dropped a heartbeat' in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].exc_info is None
    assert victim.id in warnings[0].getMessage()


def test_garbage_arguments_are_dropped_without_an_error(control_db):
    conductor = signed.AsGuest().conductor
    before = believed.dropped
    conductor.heartbeat(None, instance_id=['x'], status=S.HEALTHY,
                        sent='soon', proof={'hmac': 'x'})
    conductor.update_backup(None, backup_id={'a': 1}, values=None, sent=1)
    conductor.report_fault(None, instance_id='x' * 1000, message='m',
                           details=None, sent=1.0)
    assert believed.dropped == before + 3
