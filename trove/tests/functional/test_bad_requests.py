"""Bad input gets Trove's fault and creates nothing."""
import pytest
from troveclient import exceptions


def _instance_count(trove):
    return len(trove.instances.list())


@pytest.fixture(scope='module')
def version(trove):
    return trove.datastore_versions.list('mariadb')[0].name


@pytest.mark.parametrize('kwargs,error', [
    ({'flavor_id': 'no-such-flavor'}, exceptions.NotFound),
    ({'datastore': 'no-such-datastore'}, exceptions.NotFound),
    ({'datastore_version': '0.0-none'}, exceptions.NotFound),
    ({'volume': {'size': 0}}, exceptions.BadRequest),
    ({'volume': {'size': 100000}}, exceptions.BadRequest),
    ({'name': ''}, exceptions.BadRequest),
])
def test_bad_create_is_refused_and_creates_nothing(trove, version, kwargs,
                                                   error):
    request = dict(name='bad', flavor_id='2', volume={'size': 1},
                   datastore='mariadb', datastore_version=version)
    request.update(kwargs)
    before = _instance_count(trove)
    with pytest.raises(error):
        trove.instances.create(request.pop('name'), request.pop('flavor_id'),
                               **request)
    assert _instance_count(trove) == before


def test_unknown_instance_is_404(trove):
    with pytest.raises(exceptions.NotFound):
        trove.instances.get('7d4bc43c-0000-4000-8000-000000000000')
