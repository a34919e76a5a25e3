"""Claims on work, shared by every taskmanager through the control DB.

A claim is a row (name, holder, expiry). It is taken by an INSERT, or by
a conditional UPDATE when its holder let it expire; renewed and released
only by its holder. Each statement is a transaction of its own: a claim
must never wait behind the work it guards.
"""
import datetime

from oslo_db import exception as db_exception
from oslo_utils import timeutils
import sqlalchemy as sa

from trove.db import models
from trove.db import session as db_session

_Claim = models.Claim


def _expiry(ttl):
    return timeutils.utcnow() + datetime.timedelta(seconds=ttl)


def take(name, holder, ttl):
    """True if ``holder`` now holds ``name`` for ``ttl`` seconds: it was
    free, expired, or already the holder's."""
    try:
        with db_session.transaction() as session:
            session.add(_Claim(name=name, holder=holder,
                               expires=_expiry(ttl)))
        return True
    except db_exception.DBDuplicateEntry:
        pass
    with db_session.transaction() as session:
        return bool(session.execute(
            sa.update(_Claim)
            .where(_Claim.name == name,
                   sa.or_(_Claim.holder == holder,
                          _Claim.expires < timeutils.utcnow()))
            .values(holder=holder, expires=_expiry(ttl))).rowcount)


def renew(name, holder, ttl):
    """False if the claim is no longer the holder's (it expired and
    another took it)."""
    with db_session.transaction() as session:
        return bool(session.execute(
            sa.update(_Claim)
            .where(_Claim.name == name, _Claim.holder == holder)
            .values(expires=_expiry(ttl))).rowcount)


def release(name, holder):
    with db_session.transaction() as session:
        session.execute(sa.delete(_Claim).where(_Claim.name == name,
                                                _Claim.holder == holder))


def holders(prefix=''):
    """{name: holder} of the unexpired claims whose name starts with
    ``prefix``."""
    with db_session.reader() as session:
        rows = session.execute(
            sa.select(_Claim.name, _Claim.holder)
            .where(_Claim.name.startswith(prefix, autoescape=True),
                   _Claim.expires >= timeutils.utcnow())).all()
    return dict(rows)
