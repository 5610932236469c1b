"""The person fixture for the GDPR tests."""

from people_fixtures import project  # noqa: F401 (a fixture)
