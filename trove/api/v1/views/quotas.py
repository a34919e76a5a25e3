"""Bodies of /mgmt/quotas/{project} (as troveclient's Quotas reads them)."""


def show(resources, limits, usages):
    """One entry per resource: in use, reserved by operations in flight,
    and the limit (-1: unlimited)."""
    return {'quotas': [{'resource': resource,
                        'in_use': usages[resource][0],
                        'reserved': usages[resource][1],
                        'limit': limits[resource]}
                       for resource in resources]}


def updated(limits):
    """The limits a PUT set, {resource: limit}."""
    return {'quotas': dict(limits)}
