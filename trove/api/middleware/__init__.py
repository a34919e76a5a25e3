"""WSGI middleware of trove-api, outermost first: faults, body size, auth."""
