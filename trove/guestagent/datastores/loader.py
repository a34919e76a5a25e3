"""Engines are plugins: entry points in ``trove.guestagent.datastores``."""
from stevedore import driver

NAMESPACE = 'trove.guestagent.datastores'


def datastore_class(manager):
    """The Datastore subclass registered as ``manager`` (e.g. 'mariadb')."""
    return driver.DriverManager(
        NAMESPACE, manager, invoke_on_load=False).driver


def load(manager, settings):
    return datastore_class(manager)(settings)
