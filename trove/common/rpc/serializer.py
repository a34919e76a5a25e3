"""Serializers: the request context, and per-instance encrypted payloads."""
import json

import oslo_messaging as messaging

from trove.common import context as trove_context
from trove.common import crypto


class ContextSerializer(messaging.Serializer):
    """Carries TroveContext across the bus; delegates entities to ``base``."""

    def __init__(self, base=None):
        self._base = base or messaging.NoOpSerializer()

    def serialize_entity(self, ctxt, entity):
        return self._base.serialize_entity(ctxt, entity)

    def deserialize_entity(self, ctxt, entity):
        return self._base.deserialize_entity(ctxt, entity)

    def serialize_context(self, ctxt):
        return ctxt.to_dict()

    def deserialize_context(self, ctxt):
        return trove_context.TroveContext.from_dict(ctxt)


class EncryptedSerializer(messaging.NoOpSerializer):
    """Encrypts every argument and result with one instance's key.

    Anyone who can read the bus sees only ciphertext; only the control plane
    and that instance's guest hold the key.
    """

    def __init__(self, key):
        self._key = key

    def serialize_entity(self, ctxt, entity):
        if entity is None:
            return None
        return crypto.encrypt(self._key, json.dumps(entity))

    def deserialize_entity(self, ctxt, entity):
        if entity is None:
            return None
        return json.loads(crypto.decrypt(self._key, entity))
