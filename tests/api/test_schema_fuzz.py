"""Schemathesis against the published schema: no server error, no answer outside the schema.

Bounded and repeatable: a few examples per operation, Hypothesis derandomized (a fixed seed),
no example database. It drives the real WSGI application in-process, on the desk's data.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, reject, settings

# Loaded when the module is collected: serving the schema reads no database. (Schemathesis's
# fixture-based loader reads a private attribute pytest 9 no longer has.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _newsroom(desk):
    """The desk's sections, reporters and articles, so that generated requests also find things."""


@pytest.fixture(autouse=True)
def _one_connection_for_the_test():
    # Django's WSGI handler closes the connection after each request, and the test's
    # transaction with it (on PostgreSQL): Django's own test client unhooks this, so here too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case):
    if case.meta and case.meta.generation.mode.is_positive and case.query:
        # A cursor is an opaque signed token: no schema can say which strings are valid ones,
        # so a made-up one is refused (422) however well formed. Cursors have tests of their own.
        case.query.pop("cursor", None)
    if (
        case.meta
        and case.meta.generation.mode.is_negative
        and any(isinstance(v, dict) for v in (case.query or {}).values())
    ):
        # An object cannot travel in a query string: whatever text it is sent as is a valid string,
        # so "a schema-violating request accepted" would be the fuzzer's own doing.
        reject()
    case.call_and_validate()
