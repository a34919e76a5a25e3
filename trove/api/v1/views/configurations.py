"""Configuration group and parameter bodies (as troveclient reads them)."""
from trove.api.v1.views import isotime
from trove.api.v1.views import links
from trove.configuration import rules


def summary(view_context, configuration):
    version = configuration.datastore_version
    return {
        'id': configuration.id,
        'name': configuration.name,
        'description': configuration.description,
        'created': isotime(configuration.created),
        'updated': isotime(configuration.updated),
        'datastore_name': version.datastore.name,
        'datastore_version_id': version.id,
        'datastore_version_name': version.name,
        'datastore_version_number': version.version or version.name,
        'links': links.resource_links(view_context, 'configurations',
                                      configuration.id),
    }


def detail(view_context, configuration, values, instance_count):
    body = summary(view_context, configuration)
    body['values'] = values
    body['instance_count'] = instance_count
    return body


def instance_ref(instance):
    return {'id': instance.id, 'name': instance.name}


def attached(view_context, configuration):
    """The "configuration" of an instance body."""
    return {'id': configuration.id, 'name': configuration.name,
            'links': links.resource_links(view_context, 'configurations',
                                          configuration.id)}


def parameter(row):
    body = {
        'name': row.name,
        'datastore_version_id': row.datastore_version_id,
        'restart_required': row.restart_required,
        'type': row.data_type,
    }
    for key, text in (('min', row.min_size), ('max', row.max_size)):
        if text is not None:
            body[key] = rules.bound_value(text)
    return body
