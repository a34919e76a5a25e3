"""The parameter rules of datastore versions (not project-scoped: offered
to all), as trove-manage loads them from validation-rules files."""
import sqlalchemy as sa

from trove.common import exception
from trove.configuration import rules as rules_module
from trove.db import configuration_models as models
from trove.db import session as db_session

_Parameter = models.ConfigurationParameter


def replace(datastore_version_id, rules):
    """Make the version's parameters exactly ``rules`` ([Rule]), in one
    transaction: rows are updated in place, so ids stay stable."""
    wanted = {rule.name: rule for rule in rules}
    with db_session.transaction() as session:
        existing = {row.name: row for row in session.scalars(
            sa.select(_Parameter).where(
                _Parameter.datastore_version_id == datastore_version_id))}
        for name, row in existing.items():
            if name not in wanted:
                session.delete(row)
        for name, rule in wanted.items():
            row = existing.get(name)
            if row is None:
                row = _Parameter(datastore_version_id=datastore_version_id,
                                 name=name)
                session.add(row)
            row.data_type = rule.data_type
            row.restart_required = rule.restart_required
            row.min_size = rules_module.bound_text(rule.min)
            row.max_size = rules_module.bound_text(rule.max)
    return len(wanted)


def list_parameters(datastore_version_id):
    with db_session.reader() as session:
        return session.scalars(sa.select(_Parameter).where(
            _Parameter.datastore_version_id == datastore_version_id)
            .order_by(_Parameter.name)).all()


def get_parameter(datastore_version_id, name):
    with db_session.reader() as session:
        found = session.scalars(sa.select(_Parameter).where(
            _Parameter.datastore_version_id == datastore_version_id,
            _Parameter.name == name)).first()
    if found is None:
        raise exception.ConfigurationParameterNotFound(
            name=name, version=datastore_version_id)
    return found


def to_rule(row):
    return rules_module.Rule(row.name, row.data_type, row.restart_required,
                             rules_module.bound_value(row.min_size),
                             rules_module.bound_value(row.max_size))


def rules_by_name(datastore_version_id):
    """{name: Rule} of a version."""
    return {row.name: to_rule(row)
            for row in list_parameters(datastore_version_id)}
