"""An API on a temporary SQLite DB with a fake taskmanager, and the
datastores and flavors a create needs."""
from unittest import mock

import pytest
import webtest

from trove.api import app
from trove.conf import CONF
from trove.db.api import datastores as datastores_db
from trove.db.api import flavors as flavors_db
from trove.db.api import instances as instances_db
from trove.instance.status import Task
from trove.policies import enforcer

PROJECT = 'project-a'
OTHER_PROJECT = 'project-b'
ADMIN_TOKEN = 'unit-admin-token'


@pytest.fixture
def catalog(control_db):
    """mariadb 10.11 (default) and 10.6 (inactive); flavors 2 and 3."""
    datastores_db.upsert_datastore('mariadb')
    datastores_db.upsert_version('mariadb', '10.11', 'mariadb')
    datastores_db.upsert_version('mariadb', '10.6', 'mariadb', active=False)
    datastores_db.upsert_datastore('mariadb', default_version_name='10.11')
    flavors_db.upsert_flavor('2', 'db.small', ram=512, vcpus=1)
    flavors_db.upsert_flavor('3', 'db.medium', ram=1024, vcpus=2)


@pytest.fixture
def taskmanager():
    """The TaskManagerAPI every request gets: records casts, sends
    nothing."""
    with mock.patch('trove.taskmanager.rpcapi.TaskManagerAPI',
                    autospec=True) as cls:
        yield cls.return_value


@pytest.fixture
def parsed_conf():
    # oslo.policy looks its policy file up through the parsed config.
    CONF([], project='trove', default_config_files=[])
    yield
    # Unparsed again, so that later tests may register CLI options.
    CONF.clear()


@pytest.fixture
def api(parsed_conf, catalog, taskmanager):
    CONF.set_override('default_datastore', 'mariadb')
    CONF.set_override('noauth_admin_token', ADMIN_TOKEN, group='api')
    enforcer.reset()
    yield webtest.TestApp(app.setup_app())
    enforcer.reset()
    CONF.clear_override('default_datastore')
    CONF.clear_override('noauth_admin_token', group='api')


def url(path, project=PROJECT):
    return '/v1.0/%s%s' % (project, path)


def create_body(**overrides):
    instance = {'name': 'db1', 'flavorRef': '2', 'volume': {'size': 1},
                'datastore': {'type': 'mariadb', 'version': '10.11'}}
    instance.update(overrides)
    return {'instance': instance}


@pytest.fixture
def guest_class():
    """The GuestAPI class the API builds guests from: it records calls and
    sends nothing (the instance's guest is ``guest_class.return_value``)."""
    with mock.patch('trove.guestagent.rpcapi.GuestAPI',
                    autospec=True) as cls:
        yield cls


@pytest.fixture
def guest(guest_class):
    guest = guest_class.return_value
    guest.enable_root.side_effect = lambda password: {'name': 'root',
                                                      'password': password}
    return guest


def create_active_instance(api, project=PROJECT, name='db1'):
    """An instance whose build is over and whose guest reports HEALTHY."""
    instance_id = api.post_json(url('/instances', project),
                                create_body(name=name)).json['instance']['id']
    instances_db.end_task(instance_id, Task.BUILDING)
    instances_db.update_service_status(instance_id, 'HEALTHY', sent=1.0)
    return instance_id


@pytest.fixture
def instance_id(api):
    return create_active_instance(api)
