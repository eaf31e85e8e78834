"""The OpenAPI schema documents each operation's refusals in the one `Errors` shape."""

import pytest

ERRORS = {"$ref": "#/components/schemas/Errors"}


@pytest.fixture
def schema(client, db) -> dict:
    return client.get("/api/schema/?format=json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_errors_have_one_documented_shape(schema):
    components = schema["components"]["schemas"]

    assert components["Errors"]["required"] == ["errors"]
    assert components["Errors"]["properties"]["errors"]["items"] == {"$ref": "#/components/schemas/Error"}
    assert set(components["Error"]["required"]) == {"field", "code", "message"}
    assert components["Error"]["properties"]["field"]["nullable"] is True


def test_every_refusal_an_operation_documents_is_in_that_shape(schema):
    for name, operation in operations(schema):
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                assert response["content"] == {"application/json": {"schema": ERRORS}}, (name, status)
                assert response["description"], (name, status)


def test_each_operation_documents_the_refusals_it_can_answer_with(schema):
    documented = {name: set(operation["responses"]) for name, operation in operations(schema)}

    for name, operation in operations(schema):
        assert "429" in documented[name], name
        if "{id}" in name:
            assert "404" in documented[name], name
        if "requestBody" in operation:
            assert {"400", "413", "415"} <= documented[name], name
    assert {"401", "403", "404", "409", "422"} <= documented["POST /api/v1/complaints/"]
    assert {"400", "401", "413", "415"} <= documented["POST /api/v1/auth/token/"]
    assert "403" not in documented["POST /api/v1/auth/token/"]  # no session, no role: nothing to forbid
    assert "406" not in documented["GET /api/v1/bulk-uploads/{id}/errors.csv"]  # it serves any Accept


def test_a_throttled_answer_documents_when_to_call_again(schema):
    for name, operation in operations(schema):
        retry_after = operation["responses"]["429"]["headers"]["Retry-After"]
        assert retry_after["required"] is True and retry_after["schema"]["type"] == "integer", name


def test_parameters_say_what_the_api_takes(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    key = next(
        p
        for p in schema["paths"]["/api/v1/complaints/"]["post"]["parameters"]
        if p["name"] == "Idempotency-Key"
    )

    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert parameters["cursor"]["schema"]["pattern"] == "^([np])([0-9]{1,19})?(?:\\.([1-9][0-9]{0,3}))?$"
    assert parameters["platform"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert all(p.get("allowEmptyValue") for name, p in parameters.items() if name != "status")
    assert key["schema"]["maxLength"] == 255 and key["schema"]["pattern"].startswith("^ *[!-~")


def test_every_operation_is_named_summarised_and_described_once(schema):
    ids = [operation["operationId"] for _name, operation in operations(schema)]

    for name, operation in operations(schema):
        assert operation["summary"].strip(), name
        assert operation["description"].strip(), name
        assert len(operation["summary"]) <= len(operation["description"]), name
    assert len(ids) == len(set(ids))


def test_the_respondents_operations_document_an_expired_link(schema):
    for name, operation in operations(schema):
        if "{token}" in name:
            assert "410" in operation["responses"], name
            assert "401" not in operation["responses"], name  # no account: nothing to authenticate
