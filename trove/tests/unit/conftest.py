import pytest

from trove.conf import CONF
from trove.db import models
from trove.db import session as db_session


@pytest.fixture
def control_db(tmp_path):
    """An empty control DB in SQLite with the models' schema."""
    CONF.set_override('connection', 'sqlite:///%s' % (tmp_path / 'trove.db'),
                      group='database')
    CONF.set_override('inst_rpc_key_encr_key', 'unit-test-master-key')
    db_session.dispose()
    models.Base.metadata.create_all(db_session.get_engine())
    yield
    db_session.dispose()
    CONF.clear_override('connection', group='database')
    CONF.clear_override('inst_rpc_key_encr_key')
