import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_openapi_document_describes_the_read_endpoints(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    for path in [
        "/api/v1/organisations/",
        "/api/v1/frameworks/",
        "/api/v1/basket/",
        "/api/v1/kpis/",
        "/api/v1/frameworks/years",
    ]:
        assert path in spec["paths"], path


def test_the_api_docs_are_served_without_a_cdn(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower()
    assert "https://" not in html


def test_an_unknown_id_is_a_404_with_a_thai_message(client: Client) -> None:
    response = client.get("/api/v1/organisations/NOPE")
    assert response.status_code == 404
    assert "ไม่พบข้อมูล" in response.json()["detail"]


def test_a_malformed_filter_is_a_422_naming_the_field(client: Client) -> None:
    response = client.get("/api/v1/kpis/", {"year": "สองพัน"})
    assert response.status_code == 422
    assert any("year" in p["field"] for p in response.json()["problems"])


def test_a_bad_token_is_refused(client: Client) -> None:
    response = client.get("/api/v1/kpis/", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_a_token_authenticates_a_batch_client(client: Client) -> None:
    from django.contrib.auth import get_user_model

    from govkpi.organisations.models import ApiToken

    _, key = ApiToken.issue(user=get_user_model().objects.get(username="cdd.coord"), name="test")
    me = client.get("/api/v1/organisations/me", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert me["organisation"] == "CDD"
    assert me["role"] == "coordinator"


def test_no_two_api_schemas_share_a_name() -> None:
    """The OpenAPI document names components by class name: two `ScoreOut`s would silently become one
    (schemathesis found the dashboard's OrganisationOut answering for /organisations/)."""
    from collections import Counter
    from collections.abc import Iterator

    from ninja import Schema

    import govkpi.api.main  # noqa: F401  (loads every router)

    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = Counter(c.__name__ for c in set(subclasses(Schema)) if c.__module__.startswith("govkpi."))
    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/notifications?unread=true&offset=1127766156086163013632",
        "/api/v1/changes/kpis/1/diff?old=0&new=-17027925376702614618690188868365320192",
    ],
)
def test_a_number_too_large_for_the_database_is_a_422_not_a_500(url: str, client_as) -> None:  # type: ignore[no-untyped-def]
    """Found by schemathesis's coverage phase (docs/fuzzing.md)."""
    response = client_as("opdc_desk").get(url)
    assert response.status_code == 422, response.content
