import os

from trove.guestagent.datastores.common import datadir_cache


def _binary(tmp_path):
    binary = tmp_path / 'enginebin'
    binary.write_text('v1')
    return str(binary)


def test_key_depends_on_settings_and_binary(tmp_path):
    binary = _binary(tmp_path)
    first = datadir_cache.key(binary, ['a = 1', 'b = 2'])
    assert first == datadir_cache.key(binary, ['b = 2', 'a = 1'])
    assert first != datadir_cache.key(binary, ['a = 1', 'b = 3'])
    with open(binary, 'a') as upgraded:
        upgraded.write(' and more')
    assert first != datadir_cache.key(binary, ['a = 1', 'b = 2'])


def test_nothing_cached_means_no_restore(tmp_path):
    target = tmp_path / 'data'
    assert not datadir_cache.restore(str(tmp_path / 'cache'), 'k',
                                     str(target))
    assert not datadir_cache.restore(None, 'k', str(target))
    assert not target.exists()


def test_saved_directory_is_restored_into_an_empty_target(tmp_path):
    fresh = tmp_path / 'fresh'
    (fresh / 'mysql').mkdir(parents=True)
    (fresh / 'mysql' / 'user.frm').write_text('tables')
    cache = str(tmp_path / 'cache')
    datadir_cache.save(cache, 'k', str(fresh))
    target = tmp_path / 'volume' / 'data'
    target.mkdir(parents=True)
    assert datadir_cache.restore(cache, 'k', str(target))
    assert (target / 'mysql' / 'user.frm').read_text() == 'tables'
    # The cache keeps no staging leftovers and is private to root.
    assert os.listdir(cache) == ['k']
    assert oct(os.stat(cache).st_mode & 0o777) == '0o700'


def test_saving_an_existing_key_keeps_the_first(tmp_path):
    cache = str(tmp_path / 'cache')
    for content in ('first', 'second'):
        fresh = tmp_path / content
        fresh.mkdir()
        (fresh / 'f').write_text(content)
        datadir_cache.save(cache, 'k', str(fresh))
    assert (tmp_path / 'cache' / 'k' / 'f').read_text() == 'first'
