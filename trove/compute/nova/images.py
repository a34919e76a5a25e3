"""Which Glance image a server boots: the datastore version's image id, or
the newest active image carrying every one of the version's image tags
(so that an operator rolls out a new image by uploading and tagging it)."""
from trove.common import exception


def choose(image_api, image_id=None, image_tags=()):
    """The image id to boot. ``image_api``: openstacksdk's image proxy."""
    tags = [tag for tag in (image_tags or ()) if tag]
    if image_id:
        image = image_api.find_image(image_id, ignore_missing=True)
        if image is None:
            raise exception.ComputeError(
                reason='image %s of the datastore version is not in '
                       'Glance' % image_id)
        if image.status != 'active':
            raise exception.ComputeError(
                reason='image %s of the datastore version is %s, not '
                       'active' % (image_id, image.status))
        return image.id
    if not tags:
        raise exception.ComputeError(
            reason='the datastore version names no image: give it an '
                   'image id or --image-tags (trove-manage '
                   'datastore_version_update)')
    # Glance matches every "tag" given; checked again here, and sorted
    # here, so that the choice never depends on the server's sorting.
    found = [image for image in image_api.images(tag=tags, status='active')
             if set(tags) <= set(image.tags or ())
             and image.status == 'active']
    if not found:
        raise exception.ComputeError(
            reason='no active image in Glance carries the tags %s'
                   % ', '.join(tags))
    return max(found, key=lambda image: (image.created_at or '',
                                         image.id)).id
