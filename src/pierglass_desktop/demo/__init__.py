"""The demo project: a believable, repeatable data set for trying the program and for benchmarks.

``generator`` writes it (one transaction, bulk inserts); ``data`` holds the names, companies
and texts it draws from. It uses the services' rules (membership, stamping) but is no use case
of its own, so it lives outside ``services/``.
"""
