"""Every shell script of the project passes shellcheck (warnings and
errors: an unquoted path, a cd whose failure goes unnoticed, a library
of unknown shell), so that the quickstart and the image builder fail
loudly rather than half-run."""
import glob
import os
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def _scripts():
    patterns = ['tools/*.sh', 'tools/lib/*.sh', 'devstack/plugin.sh',
                'devstack/settings', 'trove/tests/**/*.sh']
    found = []
    for pattern in patterns:
        found += glob.glob(os.path.join(REPO, pattern), recursive=True)
    return sorted(found)


def test_there_are_scripts_to_check():
    names = [os.path.relpath(path, REPO) for path in _scripts()]
    assert 'tools/quickstart.sh' in names and 'devstack/plugin.sh' in names


def test_every_script_passes_shellcheck():
    done = subprocess.run(['shellcheck', '-x', '-S', 'warning']
                          + _scripts(), cwd=REPO, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout
