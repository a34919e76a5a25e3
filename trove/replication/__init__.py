"""Read replicas: which requests are accepted, and how replicas are built."""
