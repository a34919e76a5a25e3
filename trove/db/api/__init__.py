"""Queries, one module per resource. Every query on a user's resource takes
the project id, so that no request can reach another project's rows."""
