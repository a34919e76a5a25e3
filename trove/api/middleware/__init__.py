"""WSGI middleware of trove-api, outermost first: faults, well-formed
requests, body size, auth."""
