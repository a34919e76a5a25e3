"""cloud-init's write_files as the test cloud's servers apply it."""
import base64
import os

import pytest

from trove.tests.cloud import cloud_config


def user_data(text):
    return base64.b64encode(text.encode()).decode()


def test_write_files_with_b64_and_permissions(tmp_path):
    secret = base64.b64encode(b'[guest_agent]\ninstance_id = x\n').decode()
    config = cloud_config.parse(user_data(
        '#cloud-config\nwrite_files:\n'
        '- path: /etc/trove/conf.d/trove-guestagent.conf\n'
        '  encoding: b64\n  content: %s\n  permissions: "0600"\n'
        '- path: /etc/motd\n  content: hi\n' % secret))
    uid, gid = os.getuid(), os.getgid()
    written = cloud_config.write_files(config, str(tmp_path), uid, gid)
    assert written == ['/etc/trove/conf.d/trove-guestagent.conf',
                       '/etc/motd']
    conf = tmp_path / 'etc' / 'trove' / 'conf.d' / 'trove-guestagent.conf'
    assert conf.read_text() == '[guest_agent]\ninstance_id = x\n'
    assert conf.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / 'etc' / 'motd').stat().st_mode & 0o777 == 0o644


def test_user_data_that_is_not_cloud_config_is_ignored():
    assert cloud_config.parse(None) == {}
    assert cloud_config.parse(user_data('#!/bin/sh\necho hi\n')) == {}


def test_paths_never_leave_the_server_root(tmp_path):
    (tmp_path / 'root').mkdir()
    (tmp_path / 'outside').mkdir()
    os.symlink(str(tmp_path / 'outside'), str(tmp_path / 'root' / 'etc'))
    for path in ('/../escape', '/etc/passwd'):
        config = {'write_files': [{'path': path, 'content': 'x'}]}
        with pytest.raises((cloud_config.UserDataError, OSError)):
            cloud_config.write_files(config, str(tmp_path / 'root'),
                                     os.getuid(), os.getgid())
    assert os.listdir(str(tmp_path / 'outside')) == []


def test_bad_user_data_is_refused():
    with pytest.raises(cloud_config.UserDataError):
        cloud_config.parse('not base64 !!!')
