"""The committed samples in etc/trove are what the generators write today,
and the 'trove' config namespace covers every module of trove/conf.

The generators run in a child process: other tests change option defaults
of the process-wide config, which must not leak into the sample.
"""
import importlib
import os
import pkgutil
import subprocess
import sys

from oslo_config import cfg

import trove.conf
from trove.conf import CONF
from trove.conf import opts

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
ETC = os.path.join(ROOT, 'etc', 'trove')

CONFIG_GENERATOR = 'from oslo_config import generator; generator.main()'
POLICY_GENERATOR = ('from oslo_policy import generator; '
                    'generator.generate_sample()')


def _regenerate(code, generator_conf, output):
    subprocess.run(
        [sys.executable, '-c', code, '--config-file',
         os.path.join(ETC, generator_conf), '--output-file', str(output)],
        cwd=ROOT, check=True, capture_output=True, text=True)
    with open(output) as f:
        return f.read()


def _committed(name):
    with open(os.path.join(ETC, name)) as f:
        return f.read()


def test_config_sample_is_up_to_date(tmp_path):
    generated = _regenerate(CONFIG_GENERATOR, 'trove-config-generator.conf',
                            tmp_path / 'trove.conf.sample')
    assert generated == _committed('trove.conf.sample'), (
        'etc/trove/trove.conf.sample is out of date (an option was added, '
        'changed or removed). Regenerate it from the top of the repository '
        'with:\n  .venv/bin/oslo-config-generator '
        '--config-file etc/trove/trove-config-generator.conf')


def test_policy_sample_is_up_to_date(tmp_path):
    generated = _regenerate(POLICY_GENERATOR, 'trove-policy-generator.conf',
                            tmp_path / 'policy.yaml.sample')
    assert generated == _committed('policy.yaml.sample'), (
        'etc/trove/policy.yaml.sample is out of date (a policy was added, '
        'changed or removed). Regenerate it from the top of the repository '
        'with:\n  .venv/bin/oslopolicy-sample-generator '
        '--config-file etc/trove/trove-policy-generator.conf')


def _conf_modules():
    for info in pkgutil.iter_modules(trove.conf.__path__):
        if info.name not in ('opts',):
            yield importlib.import_module('trove.conf.' + info.name)


def _by_name(group_opts):
    """{group name: [opt, ...]} of list_opts()-style output."""
    if isinstance(group_opts, dict):
        group_opts = group_opts.items()
    found = {}
    for group, group_opt_list in group_opts:
        found.setdefault(getattr(group, 'name', group), []).extend(
            group_opt_list)
    return found


def test_every_conf_module_is_in_list_opts():
    listed = _by_name(opts.list_opts())
    missing = []
    for module in _conf_modules():
        for group, module_opts in _by_name(module.list_opts()).items():
            for opt in module_opts:
                if opt not in listed.get(group, []):
                    missing.append('%s: [%s] %s' % (module.__name__, group,
                                                    opt.dest))
    assert not missing, (
        'Options missing from trove.conf.opts.list_opts() (add the module '
        'to trove/conf/opts.py, then regenerate the sample): %s'
        % ', '.join(missing))


def test_every_conf_module_is_registered():
    unregistered = []
    for module in _conf_modules():
        for group, module_opts in _by_name(module.list_opts()).items():
            section = None if group == 'DEFAULT' else group
            for opt in module_opts:
                try:
                    CONF._get_opt_info(opt.dest, section)
                except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
                    unregistered.append('%s: [%s] %s' % (module.__name__,
                                                         group, opt.dest))
    assert not unregistered, (
        'Options not registered by trove/conf/__init__.py: %s'
        % ', '.join(unregistered))
