"""Configuration overrides: the values of the instance's configuration
group, in a file the engine's main config includes last.

What the engine should run with is kept on the volume (root-only JSON,
the agent's record), and the engine's overrides file is rendered from it
at every start, like the main config. Changes are set live where the
engine allows (each engine says how); the others wait for a restart,
which the record remembers until the engine starts again.
"""
import json
import os
import threading

from oslo_log import log as logging

from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import template

LOG = logging.getLogger(__name__)

RECORD_NAME = 'configuration.json'
_MISSING = object()


def changed_names(old, new):
    """Parameters added, removed or given another value."""
    return sorted(name for name in set(old) | set(new)
                  if old.get(name, _MISSING) != new.get(name, _MISSING))


class OverridesManager(base.ConfigurationManager):
    """The common part; engines provide the file format, the live changes
    and how to read their main config."""

    def __init__(self, settings, layout, is_running, lock=None):
        """``lock``: the datastore's start lock (re-entrant), so that a
        change never falls between a start's files and its engine."""
        self.settings = settings
        self.layout = layout
        self.is_running = is_running
        self.record = os.path.join(layout.private_dir, RECORD_NAME)
        self._lock = lock or threading.RLock()

    # What each engine provides.

    def render(self, values):
        """The overrides file's text for ``values``."""
        raise NotImplementedError

    def render_main_config(self):
        """The main config's text from the template (for defaults())."""
        raise NotImplementedError

    def parse_main_config(self, text):
        """{name: value} of the main config, names as parameters are
        named."""
        raise NotImplementedError

    def check(self, values):
        """Refuse (BadRequest) values the running engine can tell it
        would refuse at its next start."""

    def apply_live(self, old, new, names):
        """Give the running engine the values of ``names`` (from ``new``,
        or for names missing from it the defaults); returns the names it
        could not change live (they wait for a restart). On a refusal,
        put back what was changed and raise BadRequest."""
        raise NotImplementedError

    # The common part.

    def _load(self):
        try:
            with open(self.record) as record:
                stored = json.load(record)
        except FileNotFoundError:
            stored = {}
        return {'serial': stored.get('serial', 0),
                'values': stored.get('values', {}),
                'restart_pending': stored.get('restart_pending', False)}

    def _store(self, stored):
        os.makedirs(self.layout.private_dir, mode=0o700, exist_ok=True)
        template.write(self.record, json.dumps(stored, sort_keys=True),
                       mode=0o600)

    def write_file(self, values=None):
        """Render the overrides file (the record's values by default)."""
        if values is None:
            values = self._load()['values']
        template.write(self.layout.overrides_file, self.render(values))

    def engine_starting(self):
        """The engine is about to read its files: they are what it will
        run with, so no restart is pending any more."""
        with self._lock:
            stored = self._load()
            self.write_file(stored['values'])
            if stored['restart_pending']:
                stored['restart_pending'] = False
                self._store(stored)

    def save(self, values, serial):
        with self._lock:
            self._store({'serial': serial or 0, 'values': values,
                         'restart_pending': False})

    def apply(self, values, restart_required, serial):
        with self._lock:
            stored = self._load()
            if serial is not None and serial < stored['serial']:
                LOG.info('Ignoring configuration %s: %s is applied',
                         serial, stored['serial'])
                return {'restart_required': stored['restart_pending']}
            old = stored['values']
            changed = changed_names(old, values)
            live = [name for name in changed if name not in restart_required]
            running = self.is_running()
            deferred = []
            if running:
                self.check({name: values[name] for name in changed
                            if name in values})
            if running and live:
                deferred = self.apply_live(old, values, live) or []
            pending = running and (stored['restart_pending'] or bool(
                deferred) or any(name in restart_required
                                 for name in changed))
            self._store({'serial': serial or 0, 'values': values,
                         'restart_pending': pending})
            self.write_file(values)
            LOG.info('Configuration %s applied: %d changed, %d live%s',
                     serial, len(changed), len(live) if running else 0,
                     ', restart required' if pending else '')
            return {'restart_required': pending}

    def defaults(self):
        return self.parse_main_config(self.render_main_config())


def plain_value(text):
    """A value from a config file as a user would write it: integers as
    numbers, quotes gone."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in '"\'':
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        return text


def file_value(value, booleans, quote):
    """How a config file writes ``value``: ``booleans`` is the engine's
    (true, false); strings go between ``quote`` (the API let no quote,
    backslash or line break into them)."""
    if isinstance(value, bool):
        return booleans[0] if value else booleans[1]
    if isinstance(value, str):
        return '%s%s%s' % (quote, value, quote)
    return repr(value) if isinstance(value, float) else str(value)
