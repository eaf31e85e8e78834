"""Referring cases to a law-enforcement authority, and the authority's answers: each a step of every case
referred (cases.transition.case_transition_many), in the audit trail, notifications and webhook events."""

from functools import partial
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrgKind, User
from accounts.notifications import notify_organisation
from cases.actions import CaseAction
from cases.models import Case
from cases.selectors import cases_visible_to
from cases.transition import case_transition_many
from documents.case_file import clue_package_write
from law_enforcement.models import (
    MAX_CASES_PER_REFERRAL,
    LawEnforcementAuthority,
    OutcomeKind,
    Referral,
    ReferralOutcome,
    ReferralStatus,
)
from regions.selectors import regions_within

OUTCOME_ACTION = {
    OutcomeKind.INVESTIGATION_OPENED: CaseAction.INVESTIGATION_OPENED,
    OutcomeKind.GOODS_SEIZED: CaseAction.GOODS_SEIZED,
    OutcomeKind.CASE_CLOSED: CaseAction.ENFORCEMENT_CLOSED,
}
REFERRERS = (OrgKind.PLATFORM, OrgKind.OFFICE)
# What the parties of the case need to know of it on each case page, loaded with the locked cases.
_CASE_RELATIONS = (
    "complaint__filed_by_org",
    "platform__organisation",
    "office__organisation",
    "store__region",
    "store__platform__organisation",
)


def _case_region_id(case: Case) -> int | None:
    """The region a case is referred for: its store's, else its platform's (None: neither has one, and no
    authority serves it)."""
    return case.store.region_id or case.platform.region_id


def _referrer_org(actor: User) -> Organisation:
    org = actor.organisation
    if org is None or org.kind not in REFERRERS:
        raise ValidationError(
            _("Only a platform or an IPR office can refer cases to law enforcement."), code="forbidden"
        )
    return org


def _locked_cases_to_refer(actor: User, case_ids: list[int]) -> list[Case]:
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        raise ValidationError({"cases": _("Choose at least one case.")}, code="required")
    if len(wanted) > MAX_CASES_PER_REFERRAL:
        raise ValidationError(
            {"cases": _("At most %(max)d cases go in one referral.") % {"max": MAX_CASES_PER_REFERRAL}},
            code="too_many",
        )
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .filter(pk__in=cases_visible_to(actor).filter(pk__in=wanted).values("pk"))
        .select_related(*_CASE_RELATIONS)
        .order_by("pk")
    )
    unknown = sorted(set(wanted) - {case.pk for case in cases})
    if unknown:
        # The same answer for a case that does not exist and for one of another organisation.
        raise ValidationError(
            {
                "cases": ValidationError(
                    _("These are not cases of yours: %(numbers)s.")
                    % {"numbers": ", ".join(str(pk) for pk in unknown)},
                    code="not_found",
                )
            }
        )
    return cases


def _authority_serving(authority_id: int, cases: list[Case]) -> LawEnforcementAuthority:
    try:
        authority = LawEnforcementAuthority.objects.select_related("organisation").get(pk=authority_id)
    except LawEnforcementAuthority.DoesNotExist:
        raise ValidationError(
            {"authority": ValidationError(_("There is no such authority."), code="not_found")}
        ) from None
    served = regions_within(authority.regions.values_list("pk", flat=True))
    outside = [case for case in cases if _case_region_id(case) not in served]
    if outside:
        raise ValidationError(
            {
                "authority": _("%(authority)s does not serve the region of case %(numbers)s.")
                % {"authority": authority, "numbers": ", ".join(str(case.pk) for case in outside)}
            },
            code="invalid",
        )
    return authority


def _referral_header(referral: Referral, cases: list[Case]) -> dict[str, object]:
    return {
        "referral": referral.pk,
        "referred_at": referral.created_at.isoformat(),
        "referred_by": referral.referred_by_org.name,
        "authority": referral.authority.organisation.name,
        "authority_kind": referral.authority.authority_kind,
        "region": referral.region.code,
        "reason": referral.reason,
        "cases_referred": [
            {
                "case": case.pk,
                "complaint": case.complaint_id,
                "platform": case.platform.organisation.name,
                "store": case.store_id,
                "status": case.status,
                "mode": case.mode,
                "outcome": case.outcome,
            }
            for case in cases
        ],
    }


def _package_store(referral: Referral, cases: list[Case]) -> None:
    # Written in the site's language, as every text of record.
    with translation.override(settings.LANGUAGE_CODE):
        archive = clue_package_write(
            cases=cases, header=_referral_header(referral, cases), language=settings.LANGUAGE_CODE
        )
    with archive:
        referral.package.save(f"referral-{referral.pk}-clue-package.zip", File(archive), save=False)
        referral.save(update_fields=["package"])


def _referral_message(referral: Referral, link: str) -> tuple[str, str]:
    subject = _("Referral %(number)s: %(count)d cases referred by %(referrer)s") % {
        "number": referral.pk,
        "count": referral.case_count,
        "referrer": referral.referred_by_org,
    }
    body = "\n\n".join(
        [
            _("Acknowledge receipt, download the clue package and report what you do."),
            referral.reason,
            link,
        ]
    )
    return subject, body


@transaction.atomic
def referral_make(*, actor: User, authority_id: int, reason: str, case_ids: list[int]) -> Referral:
    """Refer cases of the actor's platform or office (at most MAX_CASES_PER_REFERRAL) to an authority that
    serves the region of each, with a reason; makes and stores the clue package with its SHA-256, records
    the referral as a step of every case and tells the authority once.

    ValidationError: forbidden for another kind of organisation; on `cases` for a case outside the actor's
    scope or too many; on `authority` for one that does not serve a case's region; transition_not_allowed
    for a case not routed yet."""
    org = _referrer_org(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the cases are referred.")}, code="required")
    cases = _locked_cases_to_refer(actor, case_ids)
    authority = _authority_serving(authority_id, cases)
    referral = Referral.objects.create(
        authority=authority,
        referred_by_org=org,
        referred_by=actor,
        platform_id=cases[0].platform_id,
        # The authority serves every case's region (checked above), so the first case has one.
        region_id=cast(int, _case_region_id(cases[0])),
        reason=reason.strip(),
        case_count=len(cases),
    )
    note = _("Referral %(number)s to %(authority)s: %(reason)s") % {
        "number": referral.pk,
        "authority": authority,
        "reason": referral.reason,
    }
    case_transition_many(
        cases=cases,
        action=CaseAction.REFERRED_TO_LAW_ENFORCEMENT,
        actor=actor,
        notes={case.pk: note for case in cases},
        refused=_("a case is referred once it has been routed."),
    )
    referral.cases.set(cases)
    _package_store(referral, cases)
    path = reverse("law_enforcement:referral_detail", args=[referral.pk])
    notify_organisation(
        organisation=authority.organisation,
        url=path,
        build=partial(_referral_message, referral, f"{settings.IPRGOV_SITE_URL.rstrip('/')}{path}"),
    )
    return referral


def _locked_referral_of_authority(*, referral_id: int, actor: User) -> Referral:
    """The referral, locked, if it was made to the actor's authority; Referral.DoesNotExist otherwise."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.LAW_ENFORCEMENT:
        raise ValidationError(
            _("Only the law-enforcement authority the cases were referred to can do this."),
            code="forbidden",
        )
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("authority__organisation")
        .get(pk=referral_id, authority__organisation=org)
    )


def _step_on_cases(referral: Referral, action: CaseAction, actor: User, note: str) -> None:
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .filter(pk__in=referral.cases.values("pk"))
        .select_related(*_CASE_RELATIONS)
        .order_by("pk")
    )
    case_transition_many(cases=cases, action=action, actor=actor, notes={case.pk: note for case in cases})


@transaction.atomic
def referral_acknowledge(*, referral_id: int, actor: User) -> Referral:
    """The authority acknowledges receipt; a step of every case referred. transition_not_allowed when it
    was acknowledged already."""
    referral = _locked_referral_of_authority(referral_id=referral_id, actor=actor)
    if referral.status != ReferralStatus.REFERRED:
        raise ValidationError(
            _("Receipt of this referral was acknowledged already."), code="transition_not_allowed"
        )
    referral.status = ReferralStatus.ACKNOWLEDGED
    referral.acknowledged_at = timezone.now()
    referral.acknowledged_by = actor
    referral.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    _step_on_cases(
        referral,
        CaseAction.REFERRAL_ACKNOWLEDGED,
        actor,
        _("Referral %(number)s: receipt acknowledged by %(authority)s")
        % {"number": referral.pk, "authority": referral.authority},
    )
    return referral


def _outcome_refusal(referral: Referral, kind: OutcomeKind) -> str:
    if referral.status == ReferralStatus.REFERRED:
        return _("Acknowledge receipt of the referral before reporting an outcome.")
    if referral.status == ReferralStatus.CLOSED:
        return _("The authority closed this referral: nothing more can be reported.")
    if kind == OutcomeKind.INVESTIGATION_OPENED and referral.status == ReferralStatus.INVESTIGATING:
        return _("An investigation was opened already.")
    return ""


@transaction.atomic
def referral_outcome_record(
    *, referral_id: int, actor: User, kind: str, note: str, file: UploadedFile | None = None
) -> ReferralOutcome:
    """The authority reports an outcome (investigation opened, goods seized, case closed) with a note and
    optionally a file (already through complaints.uploads.checked_upload); a step of every case referred.

    Outcomes follow the acknowledgement; an investigation is opened once; goods may be seized several
    times; closing is the last outcome. Otherwise transition_not_allowed."""
    referral = _locked_referral_of_authority(referral_id=referral_id, actor=actor)
    if kind not in OutcomeKind.values:
        raise ValidationError(
            {"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(OutcomeKind.values)}}
        )
    outcome_kind = OutcomeKind(kind)
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")}, code="required")
    refusal = _outcome_refusal(referral, outcome_kind)
    if refusal:
        raise ValidationError(refusal, code="transition_not_allowed")
    outcome = ReferralOutcome(referral=referral, kind=outcome_kind, note=note.strip(), recorded_by=actor)
    if file is not None:
        outcome.file = file
        outcome.original_name = getattr(file, "original_name", file.name or "")[:255]
    outcome.save()
    if outcome_kind == OutcomeKind.INVESTIGATION_OPENED:
        referral.status = ReferralStatus.INVESTIGATING
        referral.investigation_opened = True
    elif outcome_kind == OutcomeKind.GOODS_SEIZED:
        referral.goods_seized = True
    else:
        referral.status = ReferralStatus.CLOSED
    referral.save(update_fields=["status", "investigation_opened", "goods_seized"])
    _step_on_cases(
        referral,
        OUTCOME_ACTION[outcome_kind],
        actor,
        _("Referral %(number)s: %(note)s") % {"number": referral.pk, "note": outcome.note},
    )
    return outcome
