"""The test cloud's own parts: what tools/quickstart.sh runs beside real
Keystone, Glance, Placement and Nova when TROVE_COMPUTE=nova (see
doc/source/admin/test-cloud.rst)."""
