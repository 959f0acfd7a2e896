import datetime as dt

from django import forms

from govkpi.core.forms import ThaiDateField


class DeadlineForm(forms.Form):
    deadline = ThaiDateField()


def test_a_buddhist_era_date_typed_by_a_user_is_understood() -> None:
    form = DeadlineForm(data={"deadline": "1/8/2565"})
    assert form.is_valid()
    assert form.cleaned_data["deadline"] == dt.date(2022, 8, 1)


def test_a_wrong_date_names_the_field_in_thai() -> None:
    form = DeadlineForm(data={"deadline": "31/2/2565"})
    assert not form.is_valid()
    assert "วันที่" in form.errors["deadline"][0]


def test_a_stored_date_is_shown_back_in_the_buddhist_era() -> None:
    form = DeadlineForm(initial={"deadline": dt.date(2022, 8, 1)})
    assert "1 ส.ค. 2565" in str(form["deadline"])


def test_a_date_typed_with_a_thai_month_name_is_understood() -> None:
    form = DeadlineForm(data={"deadline": "4 ก.ค. 2565"})
    assert form.is_valid()
    assert form.cleaned_data["deadline"] == dt.date(2022, 7, 4)


def test_the_input_carries_a_calendar_picker_kept_in_step_with_the_typed_text() -> None:
    html = str(DeadlineForm(initial={"deadline": dt.date(2022, 8, 1)})["deadline"])
    assert 'name="deadline"' in html and 'value="1 ส.ค. 2565"' in html
    # the calendar has no name: the typed BE text is what the form submits, with or without JavaScript
    assert 'type="date" class="thai-date-pick" value="2022-08-01"' in html
    assert html.count("name=") == 1
