"""The OpenAPI schema is the app team's contract: a snapshot catches any change made by accident.

After a deliberate change (a new field, say), regenerate the snapshot and review its diff:
    UPDATE_API_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi.py
"""

import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi.json")

# contracts.md §2 and the app's generated client rely on these operation ids.
OPERATION_IDS = {
    ("get", "/api/v1/home"): "home",
    ("get", "/api/v1/sections"): "sections_list",
    ("get", "/api/v1/sections/{slug}"): "sections_detail",
    ("get", "/api/v1/articles"): "articles_list",
    ("get", "/api/v1/articles/{article_id}"): "articles_detail",
    ("get", "/api/v1/reporters"): "reporters_list",
    ("get", "/api/v1/reporters/{slug}"): "reporters_detail",
    ("get", "/api/v1/search"): "search",
}


@pytest.fixture
def schema(client, db) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_matches_the_committed_snapshot(schema):
    rendered = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_API_SNAPSHOT") == "1":
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert rendered == SNAPSHOT.read_text(encoding="utf-8"), (
        "the API schema changed: if on purpose, regenerate tests/api/openapi.json (see this module's docstring)"
    )


def test_every_operation_has_its_stable_id(schema):
    found = {(method, path): op["operationId"] for path, ops in schema["paths"].items() for method, op in ops.items()}
    assert found == OPERATION_IDS


def test_the_contracts_field_names_are_in_the_schema(schema):
    fields = {name: set(body["properties"]) for name, body in schema["components"]["schemas"].items()}
    assert fields["Article"] >= {
        "id", "url", "kicker", "title", "subtitle", "summary", "section",
        "bylines", "dateline", "published_at", "lead_image",
    }  # fmt: skip
    assert fields["ArticleDetail"] >= fields["Article"] | {"body", "related"}
    assert fields["Section"] >= {"id", "slug", "title", "url", "article_count"}
    assert fields["Reporter"] >= {"id", "slug", "name", "kind", "url", "article_count"}
    assert fields["ReporterDetail"] >= fields["Reporter"] | {"articles"}
    assert fields["ArticleList"] == {"items", "next_cursor"}
    assert fields["Home"] == {"lead", "featured", "sections"}


def test_the_docs_page_is_served(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
