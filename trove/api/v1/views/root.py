"""Bodies of /instances/{id}/root."""

ROOT_USER = 'root'


def enabled(password, name=None):
    """Shown once, to the caller who enabled root; stored nowhere."""
    return {'user': {'name': name or ROOT_USER, 'password': password}}


def history(was_enabled):
    return {'rootEnabled': bool(was_enabled)}
