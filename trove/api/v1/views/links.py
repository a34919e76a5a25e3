"""The links of resources and of the next page of a collection.

Every link starts with the API's public address: [api] public_endpoint
when set (the address clients reach, e.g. behind a proxy), else the
address trove-api is bound to. Never the request's Host header, which
any client chooses and which would let it plant links to a host of its
own in responses that others read (as OpenStack services do).
"""
from urllib import parse

from trove.conf import CONF


def public_base_url():
    """The API's root URL as clients reach it, without a final '/'."""
    if CONF.api.public_endpoint:
        return CONF.api.public_endpoint.rstrip('/')
    host = CONF.api.bind_host
    if ':' in host:  # IPv6
        host = '[%s]' % host
    return 'http://%s:%d' % (host, CONF.api.bind_port)


def resource_links(view_context, collection, resource_id):
    base = view_context.base_url.rstrip('/')
    return [
        {'href': '%s/v1.0/%s/%s/%s' % (base, view_context.project_id,
                                       collection, resource_id),
         'rel': 'self'},
        {'href': '%s/%s/%s' % (base, collection, resource_id),
         'rel': 'bookmark'},
    ]


def next_page_links(base_url, path, query_string, next_marker):
    """[] on the last page; else a "next" link: the request's ``path``
    (below the API's root) and ``query_string`` with the marker replaced
    (troveclient reads the marker back from it)."""
    if next_marker is None:
        return []
    query = [(key, value) for key, value in parse.parse_qsl(query_string)
             if key != 'marker']
    query.append(('marker', next_marker))
    href = '%s%s?%s' % (base_url.rstrip('/'), parse.quote(path),
                        parse.urlencode(query))
    return [{'rel': 'next', 'href': href}]
