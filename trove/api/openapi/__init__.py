"""The OpenAPI 3.1 description of the v1.0 API, served at GET /openapi.json
and rendered into doc/source/user/api-reference.rst. It is generated from
the JSON schemas the controllers validate request bodies with
(trove.api.v1.schemas), so the description cannot drift from what the API
accepts."""
