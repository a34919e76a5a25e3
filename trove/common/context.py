"""The request context that travels from the API to every service."""
from oslo_context import context


class TroveContext(context.RequestContext):

    def __init__(self, limit=None, marker=None, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit
        self.marker = marker

    def to_dict(self):
        values = super().to_dict()
        values.update(limit=self.limit, marker=self.marker)
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault('limit', values.get('limit'))
        kwargs.setdefault('marker', values.get('marker'))
        return super().from_dict(values, **kwargs)


def admin_context():
    """Context of the control plane itself (reapers, conductor)."""
    return TroveContext(is_admin=True, roles=['admin'], overwrite=False)
