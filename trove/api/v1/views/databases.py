"""Database bodies, from what a guest reports."""


def database(record):
    return {'name': record['name'],
            'character_set': record.get('character_set'),
            'collate': record.get('collate')}


def refs(records):
    """[{name}] of databases (a user's access)."""
    return [{'name': record['name']} for record in records or []]
