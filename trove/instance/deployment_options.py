"""Options of POST /instances this deployment cannot honour: a 400.

python-troveclient sends ``access``, ``nics`` and ``volume.type`` whenever
a user asks for them; ignoring them would create an instance other than
the one asked for (reachable by nobody the user listed, on a network the
user did not choose, on another kind of storage). What the compute driver
can honour is data (trove.compute.capabilities); which volume types a
datastore version offers is data of the version.
"""
from trove.common import exception
from trove.compute import capabilities
from trove.conf import CONF


def offered_volume_types(version):
    """The volume types a datastore version may be created on.

    The control DB records none for any version yet (Trove keeps them as
    datastore version metadata, listed by GET /datastores/{ds}/versions/
    {id}/volume-types), so no version offers any: every requested type
    is refused, and an instance always gets the driver's one kind of
    volume.
    """
    return ()


def _access_requested(access):
    if not access:
        return False
    # troveclient sends {"is_public": false} on every create: the default.
    return bool(access.get('is_public')) or bool(access.get('allowed_cidrs'))


def _refuse(option):
    raise exception.BadRequest(
        "'%s' cannot be honoured by this deployment: its compute driver "
        "(%s) does not support it." % (option, CONF.compute.driver))


def refuse_unsupported(request, version):
    """``request``: the validated "instance" object of POST /instances."""
    honoured = capabilities.honoured_options()
    if (_access_requested(request.get('access'))
            and capabilities.ACCESS not in honoured):
        _refuse('access')
    if request.get('nics') and capabilities.NICS not in honoured:
        _refuse('nics')
    volume_type = (request.get('volume') or {}).get('type')
    if volume_type is not None:
        if capabilities.VOLUME_TYPES not in honoured:
            _refuse('volume.type')
        if volume_type not in offered_volume_types(version):
            raise exception.BadRequest(
                "Volume type '%s' is not offered by datastore version %s."
                % (volume_type, version.name))


def network_request(request):
    """What the instance's server must honour of networking (checked by
    refuse_unsupported first), as the control DB records it; None when
    the create asks nothing."""
    nics = list(request.get('nics') or ())
    cidrs = list((request.get('access') or {}).get('allowed_cidrs') or ())
    if not nics and not cidrs:
        return None
    return {'nics': nics, 'allowed_cidrs': cidrs}
