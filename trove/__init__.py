# No eventlet: every trove process uses oslo.service's threading backend.
# This must run before anything imports oslo.messaging (which asks
# oslo.service for its looping calls).
from oslo_service import backend as _oslo_service_backend

try:
    _oslo_service_backend.init_backend(
        _oslo_service_backend.BackendType.THREADING)
except Exception:  # already initialised by an importer: keep theirs
    pass
