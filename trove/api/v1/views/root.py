"""Bodies of /instances/{id}/root."""

ROOT_USER = 'root'


def enabled(password):
    """Shown once, to the caller who enabled root; stored nowhere."""
    return {'user': {'name': ROOT_USER, 'password': password}}


def history(was_enabled):
    return {'rootEnabled': bool(was_enabled)}
