"""What every controller needs from the request: context, policy checks,
JSON bodies, paging parameters, view contexts."""
from oslo_utils import timeutils
import pecan
import webob

from trove.api.middleware.context import CONTEXT_KEY
from trove.api import request_body
from trove.api.v1 import views
from trove.api.v1.views import links
from trove.common import exception
from trove.instance import operations
from trove.policies import enforcer

# Pages are bounded even when the client asks for none, so that one request
# never loads every row of a large project.
MAX_PAGE_SIZE = 1000


def context():
    return pecan.request.environ[CONTEXT_KEY]


def authorize(rule, project_id):
    """Checked first in every handler, before anything is loaded."""
    enforcer.authorize(context(), rule, enforcer.target_for(project_id))


def project_of(project_id, find_owner):
    """The project a resource addressed by id is looked up in: the URL's,
    except for admins, whose requests reach any project's resource (as an
    admin's `openstack database instance show ID` does: its token, so its
    URL, names the admin's own project). ``find_owner()`` returns the
    owner's project id, or raises NotFound."""
    if not context().is_admin:
        return project_id
    try:
        return find_owner()
    except exception.NotFound:
        return project_id


def active_guest(project_id, instance_id):
    """The GuestAPI of the project's instance, which must be ACTIVE (404
    for another project's instance, 422 when not ACTIVE)."""
    return operations.active_guest(context(), project_id, instance_id)


def view_context(project_id):
    return views.ViewContext(base_url=links.public_base_url(),
                             project_id=project_id,
                             is_admin=context().is_admin,
                             now=timeutils.utcnow())


def json_body():
    """The body, a JSON object (400 for anything else)."""
    return request_body.parse(pecan.request.body)


def optional_json_body():
    """The body, or {} when there is none."""
    return json_body() if pecan.request.body else {}


def _next_page_links(next_marker):
    return links.next_page_links(
        links.public_base_url(), pecan.request.path_info,
        pecan.request.query_string, next_marker)


def page_params():
    """(limit, marker) of a list request."""
    raw_limit = pecan.request.GET.get('limit')
    limit = MAX_PAGE_SIZE
    if raw_limit not in (None, ''):
        try:
            limit = int(raw_limit)
        except ValueError:
            limit = 0
        if limit < 1:
            raise exception.BadRequest(
                "'limit' must be a positive integer.")
    return min(limit, MAX_PAGE_SIZE), pecan.request.GET.get('marker') or None


def page_of(items, key):
    """One page of a list a guest returned whole, ordered by ``key`` (a
    string; the marker is the key of the previous page's last item), and
    the links to the next page."""
    limit, marker = page_params()
    items = sorted(items, key=key)
    if marker is not None:
        items = [item for item in items if key(item) > marker]
    next_marker = key(items[limit - 1]) if len(items) > limit else None
    return items[:limit], _next_page_links(next_marker)


def db_page(fetch):
    """One page of DB rows and the links to the next. ``fetch(limit,
    marker)`` runs the query; one row more than the page tells whether a
    next page exists, and the last row's id is its marker."""
    limit, marker = page_params()
    rows = fetch(limit + 1, marker)
    next_marker = rows[limit - 1].id if len(rows) > limit else None
    return rows[:limit], _next_page_links(next_marker)


def method_not_allowed(*_args, **_kwargs):
    """Default of a generic controller: pecan would otherwise send methods
    nobody registered to the undecorated function."""
    pecan.abort(405)


def accepted():
    """202 with no body (Trove's answer to a started deletion)."""
    response = webob.Response(status=202)
    del response.content_type  # no body, so no type
    return response
