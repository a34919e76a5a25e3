"""Errors raised inside a guest."""


class GuestError(Exception):
    """A failure whose message a user can read as the instance fault."""
