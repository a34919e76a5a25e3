# Sphinx configuration of the Trove documentation (tox -e docs).
# Only Sphinx itself is needed: nothing here imports the trove package.

project = 'Trove'
copyright = '2026, Trove contributors'
author = 'Trove contributors'

extensions = []

root_doc = 'index'
exclude_patterns = ['_build', 'build', '../build', 'Thumbs.db', '.DS_Store']

html_theme = 'alabaster'
html_static_path = []
html_title = 'Trove'

pygments_style = 'sphinx'
