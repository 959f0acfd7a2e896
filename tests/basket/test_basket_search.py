import pytest
from django.test import Client

from govkpi.basket.selectors import basket_list
from govkpi.core.thaisearch import segment

pytestmark = pytest.mark.django_db


def test_thai_text_is_split_into_words() -> None:
    assert segment("ร้อยละหมู่บ้านที่ได้รับการพัฒนา") == ["ร้อยละ", "หมู่บ้าน", "ที่", "ได้รับ", "การพัฒนา"]


def test_a_word_inside_a_thai_phrase_is_found() -> None:
    found = list(basket_list(q="ท่องเที่ยว"))
    assert found, "the tourism word should find Basket entries"
    assert any(not k.name_th.startswith("ท่องเที่ยว") for k in found), "found inside a phrase, not only at its start"
    assert all("ท่องเที่ยว" in k.name_th + k.definition_th for k in found)


def test_words_in_another_order_still_match() -> None:
    found = list(basket_list(q="เรือนกระจก ลด"))
    assert found
    for k in found:
        assert "เรือนกระจก" in k.search_text and "ลด" in k.search_text


def test_a_search_with_no_match_says_so_on_the_page(client: Client) -> None:
    response = client.get("/basket/", {"q": "ไม่มีคำนี้แน่นอนxyz"})
    assert response.status_code == 200
    assert "ไม่พบตัวชี้วัดที่ตรงกับคำค้น" in response.content.decode()


def test_the_basket_api_searches_in_thai(client: Client) -> None:
    response = client.get("/api/v1/basket/", {"q": "ท่องเที่ยว"})
    assert response.status_code == 200
    assert response.json()
    assert all("ท่องเที่ยว" in (k["name_th"] + k["definition_th"]) for k in response.json())
