"""Thai names sort as in a Thai dictionary: a leading vowel files under the consonant after it."""

from __future__ import annotations

from govkpi.core.thaisort import thai_sort_key


def test_provinces_sort_in_thai_dictionary_order_not_code_point_order() -> None:
    names = ["แพร่", "เชียงใหม่", "ภูเก็ต", "ชลบุรี", "พะเยา", "กาญจนบุรี", "ฉะเชิงเทรา", "กรุงเทพมหานคร"]

    assert sorted(names, key=thai_sort_key) == [
        "กรุงเทพมหานคร",
        "กาญจนบุรี",
        "ฉะเชิงเทรา",
        "ชลบุรี",
        "เชียงใหม่",  # ช + เ: after ชล
        "พะเยา",
        "แพร่",  # พ + แ: after พะ
        "ภูเก็ต",
    ]
    # Code points alone would put every name starting with เ/แ after ภ.
    assert sorted(names)[-2:] == ["เชียงใหม่", "แพร่"]


def test_leading_vowels_of_every_kind_file_under_their_consonant() -> None:
    names = ["โคราช", "ไก่", "แขวง", "เกษตร", "ขอนแก่น", "กรมการปกครอง", "ใจดี"]

    assert sorted(names, key=thai_sort_key) == ["กรมการปกครอง", "เกษตร", "ไก่", "ขอนแก่น", "แขวง", "โคราช", "ใจดี"]


def test_tone_marks_only_break_ties_and_latin_ignores_case() -> None:
    assert sorted(["ก้า", "กา", "ก่า"], key=thai_sort_key) == ["กา", "ก่า", "ก้า"]
    assert thai_sort_key("ก่าง") > thai_sort_key("ก้า")  # the letters decide before the tone
    assert sorted(["bb", "AMLO", "Boi"], key=thai_sort_key) == ["AMLO", "bb", "Boi"]
    assert thai_sort_key(None) == thai_sort_key("")
