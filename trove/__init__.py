import os
import warnings

# Importing eventlet (see below) would otherwise load its green DNS resolver,
# about 0.17 s of every process start, including each guest agent's.
os.environ.setdefault('EVENTLET_NO_GREENDNS', 'yes')

# futurist imports eventlet when it is installed (oslo.service depends on it)
# only to detect green threads; nothing in trove uses or patches it.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

# No eventlet: every trove process uses oslo.service's threading backend.
# This must run before anything imports oslo.messaging (which asks
# oslo.service for its looping calls).
from oslo_service import backend as _oslo_service_backend  # noqa: E402

try:
    _oslo_service_backend.init_backend(
        _oslo_service_backend.BackendType.THREADING)
except Exception:  # already initialised by an importer: keep theirs
    pass
