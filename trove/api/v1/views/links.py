"""The links of resources and of the next page of a collection."""
from urllib import parse


def resource_links(view_context, collection, resource_id):
    base = view_context.base_url.rstrip('/')
    return [
        {'href': '%s/v1.0/%s/%s/%s' % (base, view_context.project_id,
                                       collection, resource_id),
         'rel': 'self'},
        {'href': '%s/%s/%s' % (base, collection, resource_id),
         'rel': 'bookmark'},
    ]


def next_page_links(request_url, next_marker):
    """[] on the last page; else a "next" link: this URL with the marker
    replaced (troveclient reads the marker back from it)."""
    if next_marker is None:
        return []
    url = parse.urlsplit(request_url)
    query = [(key, value) for key, value in parse.parse_qsl(url.query)
             if key != 'marker']
    query.append(('marker', next_marker))
    href = parse.urlunsplit(url._replace(query=parse.urlencode(query)))
    return [{'rel': 'next', 'href': href}]
