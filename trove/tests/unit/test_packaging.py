"""setup.cfg is what pip installs: every console script and entry point it
names must resolve, or an installed trove fails only when a user runs it."""
import configparser
import importlib
import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def _entry_points():
    config = configparser.ConfigParser()
    config.read(os.path.join(REPO, 'setup.cfg'))
    for group, lines in config['entry_points'].items():
        for line in filter(None, lines.splitlines()):
            name, target = (part.strip() for part in line.split('=', 1))
            yield group, name, target


def test_setup_cfg_names_every_service_command():
    scripts = {name for group, name, _ in _entry_points()
               if group == 'console_scripts'}
    assert scripts == {'trove-api', 'trove-conductor', 'trove-taskmanager',
                       'trove-guestagent', 'trove-manage', 'trove-status'}


@pytest.mark.parametrize('group,name,target', list(_entry_points()))
def test_entry_point_resolves(group, name, target):
    module_name, attribute = target.split(':')
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute)), (group, name)


def test_installed_metadata_matches_setup_cfg():
    """The venv's metadata (what stevedore reads) is setup.cfg's."""
    from importlib import metadata
    for group, name, target in _entry_points():
        found = {e.name: e.value for e in metadata.entry_points(group=group)}
        assert found.get(name) == target, (group, name)
