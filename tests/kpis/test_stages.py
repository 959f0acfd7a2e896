"""Committee stages with their resolutions: who decided, at which meeting, the resolution text; the
two OPDC-side stages taken by different people; the stage indicator; "ฉบับที่" that rises only when
frozen or changed by an approved change request; confirmations of irreversible steps."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks.models import Framework
from govkpi.kpis import changes, services, versions, workflow
from govkpi.kpis.choices import ChangeKind
from govkpi.kpis.choices import ProposalState as S
from govkpi.kpis.models import Kpi, Proposal, StageDecision
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation, Person
from govkpi.reviews import services as reviews
from govkpi.reviews.models import Committee

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]
ClientAs = Callable[[str], Client]
DECIDED = {"meeting_label": "ครั้งที่ 3/2566", "resolution": "ที่ประชุมมีมติเห็นชอบตามที่เสนอ"}


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.select_related("framework", "organisation").get(
        organisation__code=org, framework__fiscal_year__year=year
    )


def at(org: str, state: str) -> Proposal:
    p = proposal(org)
    p.state = state
    p.save()
    return p


@pytest.fixture
def second_desk(user_of: UserOf) -> User:
    """Another OPDC desk officer, so the working-group stage has someone else to take it."""
    return user_of("opdc.desk2")


# --- the stage decision ---------------------------------------------------------------------------


def test_a_committee_stage_without_its_meeting_is_refused_naming_the_field(user_of: UserOf) -> None:
    p = at("CDD", S.WORKING_GROUP)
    with pytest.raises(Invalid) as exc:
        workflow.transition(p, "approve", by=user_of("committee_secretary"), resolution="เห็นชอบ")
    assert exc.value.field == "meeting" and "การประชุม" in exc.value.message_th and "meeting" in exc.value.message_en
    assert proposal("CDD").state == S.WORKING_GROUP


def test_a_committee_stage_without_its_resolution_is_refused_naming_the_field(user_of: UserOf) -> None:
    p = at("CDD", S.SUBCOMMITTEE)
    with pytest.raises(Invalid) as exc:
        workflow.transition(p, "approve", by=user_of("committee_secretary"), meeting_label="ครั้งที่ 2/2566")
    assert exc.value.field == "resolution" and "มติ" in exc.value.message_th
    assert "resolution" in exc.value.message_en


def test_a_typed_meeting_must_read_number_slash_year(user_of: UserOf) -> None:
    p = at("CDD", S.WORKING_GROUP)
    with pytest.raises(Invalid) as exc:
        workflow.transition(
            p, "approve", by=user_of("committee_secretary"), meeting_label="ประชุมเมื่อวาน", resolution="เห็นชอบ"
        )
    assert exc.value.field == "meeting" and "ครั้งที่" in exc.value.message_th


def test_a_committee_decision_records_who_the_meeting_and_the_resolution_in_the_history(user_of: UserOf) -> None:
    p = at("CDD", S.WORKING_GROUP)
    done = workflow.transition(p, "approve", by=user_of("committee_secretary"), **DECIDED)
    assert done.state == S.SUBCOMMITTEE
    decision = StageDecision.objects.get(proposal=p)
    assert decision.stage == S.WORKING_GROUP and decision.to_state == S.SUBCOMMITTEE
    assert decision.decided_by == user_of("committee_secretary")
    assert decision.meeting_label == "ครั้งที่ 3/2566" and decision.resolution_th == DECIDED["resolution"]
    last = workflow.events_of(done)[-1]
    assert last.decision == decision  # type: ignore[attr-defined]


def test_picking_an_existing_meeting_links_it_and_names_the_committee(user_of: UserOf) -> None:
    secretary = user_of("committee_secretary")
    meeting = reviews.meeting_create(
        by=secretary,
        committee=Committee.objects.get(code="OPDC-SUB"),
        number=9,
        year_be=2566,
        held_on=dt.date(2023, 1, 10),
    )
    p = at("CDD", S.SUBCOMMITTEE)
    workflow.transition(p, "approve", by=secretary, meeting_id=meeting.pk, resolution="เห็นชอบ")
    decision = StageDecision.objects.get(proposal=p)
    assert decision.meeting == meeting and "ครั้งที่ 9/2566" in decision.meeting_label
    with pytest.raises(Invalid) as exc:
        workflow.transition(p, "approve", by=secretary, meeting_id=999999, resolution="เห็นชอบ")
    assert exc.value.field == "meeting_id"


def test_the_minister_signs_without_a_meeting_but_with_the_decision_text(user_of: UserOf) -> None:
    p = at("CDD", S.MINISTER)
    with pytest.raises(Invalid) as exc:
        workflow.transition(p, "approve", by=user_of("committee_secretary"))
    assert exc.value.field == "resolution"
    done = workflow.transition(p, "approve", by=user_of("committee_secretary"), resolution="รัฐมนตรีลงนามเห็นชอบ")
    assert done.state == S.APPROVED


def test_the_opdc_desk_may_note_its_decision_but_need_not(user_of: UserOf) -> None:
    p = at("CDD", S.OPDC_REVIEW)
    workflow.transition(p, "approve", by=user_of("opdc_desk"))
    decision = StageDecision.objects.get(proposal=p)
    assert decision.stage == S.OPDC_REVIEW and decision.meeting_label == "" and decision.resolution_th == ""


def test_a_meeting_resolution_carries_its_meeting_into_the_stage_decision(user_of: UserOf) -> None:
    secretary = user_of("committee_secretary")
    meeting = reviews.meeting_create(
        by=secretary,
        committee=Committee.objects.get(code="WG-AGENCIES"),
        number=7,
        year_be=2566,
        held_on=dt.date(2023, 1, 5),
    )
    p = at("CDD", S.WORKING_GROUP)
    item = reviews.agenda_item_add(by=secretary, meeting=meeting, title_th="พิจารณาตัวชี้วัด กรมการพัฒนาชุมชน", proposals=[p])
    reviews.resolution_record(by=secretary, agenda_item=item, decision="approve", text_th="เห็นชอบตามที่เสนอ")
    decision = StageDecision.objects.get(proposal=p)
    assert decision.meeting == meeting and decision.resolution_th == "เห็นชอบตามที่เสนอ"


# --- two people for the two OPDC-side stages ------------------------------------------------------


def test_the_desk_officer_who_approved_the_opdc_stage_cannot_approve_the_working_group_stage(
    user_of: UserOf, second_desk: User
) -> None:
    desk = user_of("opdc_desk")
    p = workflow.transition(at("CDD", S.OPDC_REVIEW), "approve", by=desk)
    assert p.framework.distinct_opdc_reviewers
    assert "approve" not in workflow.available_actions(p, viewer_for(desk))
    with pytest.raises(NotAllowed) as exc:
        workflow.transition(p, "approve", by=desk, **DECIDED)
    assert "บุคคลอื่น" in exc.value.message_th and "different person" in exc.value.message_en
    assert proposal("CDD").state == S.WORKING_GROUP
    assert "approve" in workflow.available_actions(p, viewer_for(second_desk))
    assert workflow.transition(p, "approve", by=second_desk, **DECIDED).state == S.SUBCOMMITTEE


def test_without_the_framework_flag_the_same_person_may_take_both(user_of: UserOf) -> None:
    Framework.objects.filter(fiscal_year__year=2566, group="agencies").update(distinct_opdc_reviewers=False)
    desk = user_of("opdc_desk")
    p = workflow.transition(at("CDD", S.OPDC_REVIEW), "approve", by=desk)
    assert workflow.transition(p, "approve", by=desk, **DECIDED).state == S.SUBCOMMITTEE


def test_the_same_desk_officer_may_still_return_at_the_working_group(user_of: UserOf) -> None:
    desk = user_of("opdc_desk")
    p = workflow.transition(at("CDD", S.OPDC_REVIEW), "approve", by=desk)
    done = workflow.transition(p, "return", by=desk, comment="ขาดข้อมูลพื้นฐาน", **DECIDED)
    assert done.state == S.RETURNED


# --- the stage indicator --------------------------------------------------------------------------


def test_the_indicator_has_seven_stages_for_agencies_and_eight_for_provinces() -> None:
    agencies = workflow.stage_track(proposal("CDD"))
    provinces = workflow.stage_track(proposal("P24"))
    assert len(agencies) == 7 and len(provinces) == 8
    assert [s.state for s in provinces][:3] == [S.DRAFT, S.SUBMITTED, S.MOI_REVIEW]
    assert provinces[-1].state == S.APPROVED


def test_the_indicator_marks_the_current_stage_and_who_did_the_done_ones(user_of: UserOf) -> None:
    p = at("CDD", S.OPDC_REVIEW)
    p = workflow.transition(p, "approve", by=user_of("opdc_desk"))
    track = {s.state: s for s in workflow.stage_track(p)}
    assert track[S.WORKING_GROUP].status == "current"
    assert track[S.OPDC_REVIEW].status == "done" and track[S.OPDC_REVIEW].by and track[S.OPDC_REVIEW].at
    assert track[S.DRAFT].status == "done" and track[S.MINISTER].status == "todo"


def test_the_proposal_page_shows_the_stages_as_a_list_with_the_current_one(client_as: ClientAs) -> None:
    p = proposal("P24")
    page = client_as("ccs_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    stages = page.split('data-testid="stages"', 1)[1].split("</nav>", 1)[0]
    assert stages.count("<li") == 8 and stages.count('aria-current="step"') == 1
    assert 'data-state="draft" data-status="current"' in stages


# --- ฉบับที่ ---------------------------------------------------------------------------------------


def test_saving_a_draft_does_not_raise_the_version_people_see(user_of: UserOf, client_as: ClientAs) -> None:
    p = proposal("P24")
    kpi = p.kpis.filter(is_removed=False, cascade=None, joint=None).first()
    assert kpi is not None
    before = p.lock_version
    for weight in (kpi.weight + 1, kpi.weight):
        services.kpi_update(kpi=kpi, by=user_of("ccs_coordinator"), values={"weight": weight})
        kpi.refresh_from_db()
    p.refresh_from_db()
    assert p.lock_version > before  # optimistic locking still counts every save
    assert versions.version_number(p) is None
    page = client_as("ccs_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    assert 'data-testid="version"' not in page


def test_approval_is_version_1_and_an_approved_change_request_makes_version_2(
    user_of: UserOf, client_as: ClientAs, chonburi_coordinator: User
) -> None:
    p = proposal("P20")
    assert p.state == S.APPROVED and versions.version_number(p) == 1
    k = Kpi.objects.select_related("framework").get(code="P20-66-03")
    cr = changes.change_request_file(
        by=chonburi_coordinator,
        kpi=k,
        round_=k.framework.rounds.get(months=12),
        kind=ChangeKind.TARGET,
        reason_th="ผลกระทบจากอุทกภัย",
        proposed={"targets": ["15", "25", "35"]},
    )
    assert versions.version_number(p) == 1
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))
    assert versions.version_number(p) == 2
    page = client_as("opdc_desk").get(f"/proposals/{p.pk}/").content.decode()
    assert re.search(r'data-testid="version">ฉบับที่ 2<', page)


# --- confirmations and noise ----------------------------------------------------------------------


def test_approve_is_offered_only_through_the_confirmation(client_as: ClientAs) -> None:
    p = at("CDD", S.OPDC_REVIEW)
    client = client_as("opdc_desk")
    page = client.get(f"/proposals/{p.pk}/").content.decode()
    assert 'name="action" value="approve"' in page.split('data-testid="confirm-dialog"', 1)[1]
    assert 'name="action" value="approve"' not in page.split('data-testid="confirm-dialog"', 1)[0]
    assert 'data-confirm="confirm-approve"' in page and 'href="?confirm=approve#confirm-approve"' in page
    assert '<dialog id="confirm-approve"' in page and "open" not in page.split('<dialog id="confirm-approve"')[1][:120]
    without_js = client.get(f"/proposals/{p.pk}/?confirm=approve").content.decode()
    assert re.search(r'<dialog id="confirm-approve"[^>]* open>', without_js)


def test_removing_a_kpi_goes_through_the_confirmation(client_as: ClientAs) -> None:
    p = proposal("P24")
    page = client_as("ccs_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    kpi = p.kpis.filter(is_removed=False, cascade=None).first()
    assert kpi is not None
    assert f'data-confirm="confirm-remove-{kpi.code}"' in page
    assert f'form="remove-form-{kpi.code}"' in page and f'data-testid="remove-{kpi.code}-confirm"' in page


def test_the_committee_stage_form_asks_for_the_meeting_and_the_resolution(client_as: ClientAs) -> None:
    p = at("CDD", S.WORKING_GROUP)
    client = client_as("committee_secretary")
    page = client.get(f"/proposals/{p.pk}/").content.decode()
    assert 'name="meeting"' in page and 'name="resolution"' in page
    refused = client.post(
        f"/proposals/{p.pk}/transition/", {"action": "approve", "lock_version": p.lock_version}, follow=True
    )
    assert "ต้องระบุการประชุม" in refused.content.decode()
    assert proposal("CDD").state == S.WORKING_GROUP
    done = client.post(
        f"/proposals/{p.pk}/transition/",
        {"action": "approve", "lock_version": p.lock_version, "meeting": "ครั้งที่ 3/2566", "resolution": "เห็นชอบ"},
        follow=True,
    ).content.decode()
    assert proposal("CDD").state == S.SUBCOMMITTEE
    assert 'data-testid="decision-meeting"' in done and "ครั้งที่ 3/2566" in done


def test_a_disabled_submit_says_why_in_visible_text(user_of: UserOf, client_as: ClientAs) -> None:
    p = proposal("P24")
    kpi = p.kpis.filter(is_removed=False, is_monitor=False, cascade=None).first()
    assert kpi is not None
    services.kpi_update(kpi=kpi, by=user_of("ccs_coordinator"), values={"weight": kpi.weight + 5})
    page = client_as("ccs_coordinator").get(f"/proposals/{p.pk}/").content.decode()
    assert re.search(r'data-testid="action-submit" disabled aria-describedby="submit-why"', page)
    why = page.split('data-testid="submit-why">', 1)[1].split("</span>", 1)[0]
    assert "ยังส่งไม่ได้" in why and "เกณฑ์" in why


def test_a_follow_up_only_year_offers_no_start_and_refuses_one(client_as: ClientAs) -> None:
    fy2564 = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    assert fy2564.monitoring_only
    organisation = Organisation.objects.exclude(proposals__framework=fy2564).filter(kind="department").first()
    assert organisation is not None
    fy2564.participants.add(organisation)
    coordinator = User.objects.create_user("fy2564.coord", password="govkpi-demo")
    Person.objects.create(user=coordinator, organisation=organisation, role="coordinator", full_name_th="ผู้ประสานงาน")
    assert fy2564 not in services.startable_frameworks(viewer_for(coordinator))
    assert f'data-testid="start-{fy2564.pk}"' not in client_as("fy2564.coord").get("/proposals/").content.decode()
    with pytest.raises(Conflict) as exc:
        services.proposal_start(framework=fy2564, by=coordinator)
    assert "ติดตาม" in exc.value.message_th and "follow-up" in exc.value.message_en


# --- API and command ------------------------------------------------------------------------------


def test_the_api_transition_takes_the_meeting_and_the_resolution(client_as: ClientAs) -> None:
    p = at("CDD", S.WORKING_GROUP)
    client = client_as("committee_secretary")
    url = f"/api/v1/proposals/{p.pk}/transitions"
    refused = client.post(url, {"action": "approve"}, content_type="application/json")
    assert refused.status_code == 422 or refused.status_code == 400
    assert "meeting" in refused.content.decode()
    done = client.post(
        url,
        {"action": "approve", "meeting": "ครั้งที่ 3/2566", "resolution": "เห็นชอบตามที่เสนอ"},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    event = done.json()["events"][-1]
    assert event["meeting"] == "ครั้งที่ 3/2566" and event["resolution"] == "เห็นชอบตามที่เสนอ"


def test_the_command_takes_the_meeting_and_the_resolution() -> None:
    at("CDD", S.WORKING_GROUP)

    def run(*extra: str) -> str:
        out = StringIO()
        call_command(
            "proposals",
            "transition",
            "CDD",
            "approve",
            "--year",
            "2566",
            "--as",
            "committee.secretary",
            *extra,
            stdout=out,
        )
        return out.getvalue()

    with pytest.raises(CommandError, match="การประชุม"):
        run()
    assert "CDD\tsubcommittee" in run("--meeting", "ครั้งที่ 3/2566", "--resolution", "เห็นชอบตามที่เสนอ")
    assert StageDecision.objects.get(proposal__organisation__code="CDD", stage=S.WORKING_GROUP).resolution_th
