import os
import sys

from trove.common import paths


def test_a_source_tree_reads_its_own_etc():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    assert paths.etc_dir('templates') == os.path.join(repo, 'etc', 'trove',
                                                      'templates')
    assert os.path.isdir(paths.etc_dir('validation-rules'))


def test_an_installed_package_reads_pbr_data_files(monkeypatch):
    monkeypatch.setattr(os.path, 'isdir', lambda path: False)
    assert paths.etc_dir('templates') == os.path.join(
        sys.prefix, 'etc', 'trove', 'templates')
