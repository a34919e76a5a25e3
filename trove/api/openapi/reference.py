"""Renders the OpenAPI document as the API reference page of the docs:
``python -m trove.api.openapi.reference > doc/source/user/api-reference.rst``
(a unit test checks that the committed page is up to date)."""
import json
import sys

from trove.api.openapi import document

SERVER_PLACEHOLDER = 'http://HOST:8779'

_HEADER = """\
=============
API reference
=============

.. This page is generated from trove.api.openapi (the JSON schemas the API
   validates request bodies with); do not edit it by hand. Regenerate it
   with (from the top of the repository):
   python -m trove.api.openapi.reference > \\
       doc/source/user/api-reference.rst

A running trove-api serves this description as an OpenAPI 3.1 document at
``GET /openapi.json`` (no token needed), e.g.
``curl http://127.0.0.1:8779/openapi.json``. Paths below start with
``/v1.0/{project_id}`` unless shown otherwise; every request but the
version documents carries a token in ``X-Auth-Token``. Every error is a
fault body such as ``{"badRequest": {"code": 400, "message": "..."}}``.
Request bodies are JSON objects in UTF-8, nested at most 32 levels and
no larger than ``[api] max_request_body_size`` (413 above).

"""


def _title(text, underline):
    return '%s\n%s\n' % (text, underline * len(text))


def _operation_text(path, method, operation):
    lines = [_title('%s %s' % (method.upper(), path), '~'),
             operation['summary'] + '.', '']
    status = next(code for code in operation['responses']
                  if code[0] == '2')
    lines.append('Success: ``%s``.' % status)
    query = [parameter['name'] for parameter in operation['parameters']
             if parameter['in'] == 'query']
    if query:
        lines.append('Query parameters: %s.' % ', '.join(
            '``%s``' % name for name in query))
    lines.append('')
    body = operation.get('requestBody')
    if body is not None:
        schema = body['content']['application/json']['schema']
        lines.append('Request body%s (JSON Schema):' % (
            '' if body['required'] else ' (optional)'))
        lines.append('')
        lines.append('.. code-block:: json')
        lines.append('')
        text = json.dumps(schema, indent=2, sort_keys=True,
                          ensure_ascii=True)
        lines.extend('   ' + line for line in text.splitlines())
        lines.append('')
    return '\n'.join(lines) + '\n'


def render():
    spec = document.build(SERVER_PLACEHOLDER)
    sections = {}
    for path, methods in spec['paths'].items():
        for method, operation in methods.items():
            sections.setdefault(operation['tags'][0], []).append(
                _operation_text(path, method, operation))
    text = _HEADER
    for tag, parts in sections.items():
        text += _title(tag.replace('_', ' ').capitalize(), '-') + '\n'
        text += ''.join(parts)
    return text.rstrip('\n') + '\n'


if __name__ == '__main__':
    sys.stdout.write(render())
