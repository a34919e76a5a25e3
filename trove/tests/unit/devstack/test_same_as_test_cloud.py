"""The devstack plugin makes, in a real cloud, what the test cloud makes
in its own (tools/cloud_resources.py): Trove's flavors in Nova by the same
ids, names and sizes, the management network, one image per datastore
version named and tagged alike. A difference would mean the functional
tests on the test cloud prove nothing about a devstack deployment."""
import importlib.util
import os
import types
from unittest import mock

from trove.tests.unit.devstack import test_plugin

VERSIONS = [('mariadb', '10.11'), ('postgresql', '15'), ('redis', '7.0')]


def _load_cloud_resources():
    path = os.path.join(test_plugin.REPO, 'tools', 'cloud_resources.py')
    spec = importlib.util.spec_from_file_location('cloud_resources', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class RecordingCloud(object):
    """An empty cloud that records what is created in it."""

    def __init__(self):
        self.created = []
        made = types.SimpleNamespace(id='made', subnet_ids=[])

        def recorder(kind):
            def create(**fields):
                self.created.append((kind, fields))
                return made
            return create
        self.compute = mock.Mock(flavors=lambda **_: [],
                                 create_flavor=recorder('flavor'))
        self.identity = mock.Mock(find_project=lambda _: made)
        self.network = mock.Mock(find_network=lambda _: None,
                                 create_network=recorder('network'),
                                 create_subnet=recorder('subnet'))
        self.image = mock.Mock(images=lambda: [],
                               create_image=recorder('image'))

    def of(self, kind):
        return [fields for made, fields in self.created if made == kind]


def _test_cloud_resources():
    resources = _load_cloud_resources()
    cloud = RecordingCloud()
    engines = [(types.SimpleNamespace(datastore=name, manager=name),
                version, version + '.0') for name, version in VERSIONS]
    with mock.patch.object(resources.detect, 'detect', return_value=engines):
        resources.ensure_flavors(cloud)
        resources.ensure_mgmt_network(cloud, '127.66.0.0/16')
        resources.ensure_images(cloud)
    return cloud


def test_flavors_network_and_images_match(tmp_path):
    cloud = _test_cloud_resources()
    calls = test_plugin.run_phase(tmp_path, 'stack', 'extra')

    plugin_flavors = {(call[5], call[3], int(call[7]), int(call[9]))
                      for call in calls
                      if call[:3] == ('openstack', 'flavor', 'create')}
    cloud_flavors = {(f['id'], f['name'], f['ram'], f['vcpus'])
                     for f in cloud.of('flavor')}
    assert len(cloud_flavors) == 4 and plugin_flavors == cloud_flavors

    plugin_networks = [call[3] for call in calls
                       if call[:3] == ('openstack', 'network', 'create')]
    assert plugin_networks == [n['name'] for n in cloud.of('network')] \
        == ['trove-mgmt']

    plugin_images = {}
    for call in calls:
        if call[:3] == ('openstack', 'image', 'create'):
            tags = [call[i + 1] for i, word in enumerate(call)
                    if word == '--tag']
            plugin_images[call[3]] = sorted(tags)
    cloud_images = {i['name']: sorted(i['tags']) for i in cloud.of('image')}
    assert len(cloud_images) == len(VERSIONS)
    assert plugin_images == cloud_images
