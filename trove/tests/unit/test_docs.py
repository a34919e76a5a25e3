"""The documentation builds as ``tox -e docs`` builds it, warnings being
errors, and the README renders: a broken page fails here, not on a
reader's screen."""
import os
import subprocess
import sys

from docutils import core as docutils_core

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def test_sphinx_builds_the_docs_without_a_warning(tmp_path):
    result = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-q',
         '-b', 'html', os.path.join(REPO, 'doc', 'source'), str(tmp_path)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / 'user' / 'index.html').exists()


def test_readme_renders_without_a_warning():
    with open(os.path.join(REPO, 'README.rst')) as readme:
        text = readme.read()
    # halt_level 2: a warning (a broken role, a bad title) raises.
    docutils_core.publish_doctree(
        text, settings_overrides={'halt_level': 2, 'report_level': 2})
    assert './tools/quickstart.sh' in text and './tools/run-tests.sh' in text
