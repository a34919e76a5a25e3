"""Errors that travel to users, each with its HTTP code and fault name."""


class TroveError(Exception):
    """Base error. ``message`` is a format string filled from kwargs."""

    message = 'An unknown error occurred.'
    code = 500
    fault = 'instanceFault'

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.message % kwargs
            except (KeyError, TypeError):
                message = self.message
        self.msg = message
        super().__init__(message)


class BadRequest(TroveError):
    message = 'The request is invalid: %(reason)s'
    code = 400
    fault = 'badRequest'


class DatastoreOperationNotSupported(BadRequest):
    message = 'The %(datastore)s datastore does not support %(operation)s.'


class Unauthorized(TroveError):
    message = 'The request needs authentication.'
    code = 401
    fault = 'unauthorized'


class Forbidden(TroveError):
    message = 'You are not allowed to do this.'
    code = 403
    fault = 'forbidden'


class NotFound(TroveError):
    message = 'Resource %(uuid)s cannot be found.'
    code = 404
    fault = 'itemNotFound'


class InstanceNotFound(NotFound):
    message = 'Instance %(uuid)s could not be found.'


class FlavorNotFound(NotFound):
    message = 'Flavor %(uuid)s could not be found.'


class DatastoreNotFound(NotFound):
    message = 'Datastore %(datastore)s cannot be found.'


class DatastoreVersionNotFound(NotFound):
    message = 'Datastore version %(version)s cannot be found.'


class QuotaResourceUnknown(NotFound):
    message = 'Unknown quota resources %(unknown)s.'


class ConfigurationNotFound(NotFound):
    message = 'Configuration group %(uuid)s could not be found.'


class ConfigurationParameterNotFound(NotFound):
    message = ('Configuration parameter %(name)s of datastore version '
               '%(version)s could not be found.')


class MethodNotAllowed(TroveError):
    message = 'Method not allowed.'
    code = 405
    fault = 'badMethod'


class Conflict(TroveError):
    message = 'The request conflicts with the current state: %(reason)s'
    code = 409
    fault = 'conflictingRequest'


class RequestEntityTooLarge(TroveError):
    message = 'The request body is larger than %(limit)s bytes.'
    code = 413
    fault = 'overLimit'


class QuotaExceeded(TroveError):
    message = 'Quota exceeded for resources: %(overs)s.'
    code = 413
    fault = 'overLimit'


class UnprocessableEntity(TroveError):
    message = 'Unable to process the contained request: %(reason)s'
    code = 422
    fault = 'unprocessableEntity'


class InstanceNotActive(UnprocessableEntity):
    message = ('Instance %(instance_id)s is not ACTIVE, it is %(status)s; '
               'try again when it is ACTIVE.')


class GuestTimeout(TroveError):
    message = 'The guest of instance %(instance_id)s did not answer in time.'
    code = 504
    fault = 'instanceFault'


class ComputeError(TroveError):
    message = 'The compute driver failed: %(reason)s'


class GuestError(TroveError):
    message = 'The guest agent failed: %(reason)s'
