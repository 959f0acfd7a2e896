"""Open data downloads: CSV with a BOM so Excel reads Thai, valid JSON, a dictionary of every column."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from govkpi.dashboards.testing import report_results, store_scores
from govkpi.frameworks.models import Framework
from govkpi.portal.opendata import DICTIONARY
from govkpi.publication.testing import publish_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> Framework:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    report_results(framework=framework, codes=["MOF", "MOI"])
    store_scores(framework=framework, totals={"MOF": "91.2345", "MOI": "76.5"}, amended=["MOI"])
    publish_now(framework)
    return framework


@pytest.fixture
def unpublished_provinces() -> Framework:
    framework = Framework.objects.get(fiscal_year__year=2565, group="provinces")
    report_results(framework=framework, codes=list(framework.participants.values_list("code", flat=True)))
    store_scores(framework=framework, totals={"P50": "99.99"})
    return framework


def test_the_scores_csv_starts_with_a_bom_and_reads_back_in_thai(published: Framework) -> None:
    response = Client().get("/public/data/2565/agencies/scores.csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_code = {r["organisation_code"]: r for r in rows}
    assert by_code["MOF"]["organisation_name_th"] == "กระทรวงการคลัง"
    assert by_code["MOF"]["total"] == "91.23" and by_code["MOF"]["band"] == "ระดับคุณภาพ"
    assert by_code["MOI"]["is_amended"] == "true"
    assert list(rows[0]) == [c.name for c in DICTIONARY["scores"]]


def test_the_results_json_is_valid_and_describes_its_columns(published: Framework) -> None:
    response = Client().get("/public/data/2565/agencies/results.json")

    body = json.loads(response.content)
    assert body["fiscal_year"] == 2565 and body["group"] == "agencies"
    assert [c["name"] for c in body["columns"]] == [c.name for c in DICTIONARY["results"]]
    mof = [r for r in body["rows"] if r["organisation_code"] == "MOF"]
    assert mof and {r["points"] for r in mof} == {"75.00"}
    assert all(set(r) == {c.name for c in DICTIONARY["results"]} for r in body["rows"])


def test_no_public_download_contains_unpublished_data(published: Framework, unpublished_provinces: Framework) -> None:
    client = Client()
    for dataset in ("scores", "results"):
        for fmt in ("csv", "json"):
            content = client.get(f"/public/data/2565/agencies/{dataset}.{fmt}").content.decode("utf-8-sig")
            assert "P50" not in content and "เชียงใหม่" not in content and "99.99" not in content
            assert client.get(f"/public/data/2565/provinces/{dataset}.{fmt}").status_code == 404


def test_the_data_dictionary_describes_every_column_of_every_file() -> None:
    dictionary = Client().get("/public/data/dictionary.json").json()
    page = Client().get("/public/data/").content.decode()

    for dataset, columns in DICTIONARY.items():
        assert [c["name"] for c in dictionary[dataset]] == [c.name for c in columns]
        for column in columns:
            assert column.description_th and column.description_en
            assert f"<code>{column.name}</code>" in page


def test_the_opendata_command_writes_the_same_bytes_as_the_download(published: Framework, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    target = tmp_path / "scores.csv"
    call_command("opendata", "--year", "2565", "--group", "agencies", "--output", str(target))

    assert target.read_bytes() == Client().get("/public/data/2565/agencies/scores.csv").content


def test_the_opendata_command_refuses_an_unpublished_year() -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="ยังไม่มีผลการประเมินที่เผยแพร่"):
        call_command("opendata", "--year", "2566", "--group", "agencies")
