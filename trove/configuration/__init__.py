"""Configuration groups: parameter rules, value checks, and what the API
does to create, change, attach and detach groups."""
