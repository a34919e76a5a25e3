"""/openapi.json: the OpenAPI 3.1 description of the v1.0 API.

Public, like the version documents: it says what the API accepts, which
python-troveclient and the docs say too, and nothing about any project.
"""
import pecan

from trove.api.openapi import document
from trove.api.v1.controllers import base
from trove.api.v1.views import links


class OpenAPIController(object):

    @pecan.expose(generic=True, template='json')
    def index(self, *_args, **_kwargs):
        base.method_not_allowed()

    @index.when(method='GET', template='json')
    def show(self):
        return document.build(links.public_base_url())
