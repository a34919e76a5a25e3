"""Where the files shipped under etc/trove are: beside the package in a
source tree (pip install -e, the quickstart), or where pbr's data_files put
them in an installed one (<prefix>/etc/trove)."""
import os
import sys

import trove


def etc_dir(*parts):
    source_tree = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(trove.__file__))),
        'etc', 'trove')
    root = (source_tree if os.path.isdir(source_tree)
            else os.path.join(sys.prefix, 'etc', 'trove'))
    return os.path.join(root, *parts)
