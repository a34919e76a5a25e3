"""The API version document (GET / and GET /v1.0)."""

VERSION_ID = 'v1.0'
VERSION_UPDATED = '2012-08-01T00:00:00Z'


def version(base_url):
    return {
        'id': VERSION_ID,
        'status': 'CURRENT',
        'updated': VERSION_UPDATED,
        'links': [{'href': '%s/%s/' % (base_url.rstrip('/'), VERSION_ID),
                   'rel': 'self'}],
    }


def versions(base_url):
    return {'versions': [version(base_url)]}
