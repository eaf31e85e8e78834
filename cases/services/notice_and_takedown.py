"""Notice and takedown after the decision (E-Commerce Law arts. 42–45).

decided -> notice forwarded to the respondent -> counter-notice received -> counter-notice forwarded
to the complainant (window open) -> the complainant shows a complaint to an office or court (measures
stand) or the window expires (measures lifted) -> closed. Withdrawal at any open step lifts the measures.
Every move goes through the Case state machine and writes an audit entry in the same transaction.
"""

from collections.abc import Iterable
from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from accounts.notifications import notify_address, notify_organisation
from audit.services import audit_record
from cases.actions import CaseAction
from cases.models import Case, CaseStatus, CounterNotice, CounterNoticeEvidence
from cases.transition import case_transition
from complaints.models import ListingStatus
from enforcement.working_days import add_working_days

RESPONDENT_LINK_SALT = "iprgov.respondents.case-link"


class LinkExpired(Exception):
    """The respondent's link was genuine but is older than IPRGOV_RESPONDENT_LINK_DAYS."""


class LinkInvalid(Exception):
    """The respondent's link was altered, or made for a case that no longer exists."""


# Respondent links ------------------------------------------------------------------------------------


def respondent_token(case: Case) -> str:
    """A signed token naming one case and its store; the signature carries its time of issue."""
    return signing.TimestampSigner(salt=RESPONDENT_LINK_SALT).sign_object(
        {"case": case.pk, "store": case.store_id}
    )


def respondent_url(case: Case) -> str:
    return reverse("respondents:case", args=[respondent_token(case)])


def respondent_case_id(token: str) -> int:
    """The case a respondent's token names. LinkExpired or LinkInvalid otherwise."""
    max_age = settings.IPRGOV_RESPONDENT_LINK_DAYS * 24 * 3600
    try:
        value = signing.TimestampSigner(salt=RESPONDENT_LINK_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid from exc
    if (
        not isinstance(value, dict)
        or not Case.objects.filter(pk=value.get("case"), store_id=value.get("store")).exists()
    ):
        raise LinkInvalid
    return int(value["case"])


def _site_url(path: str) -> str:
    return f"{settings.IPRGOV_SITE_URL.rstrip('/')}{path}"


# Helpers ---------------------------------------------------------------------------------------------


def _restore_listings(case: Case, *, actor: User | None, note: str) -> int:
    """Lift the measures: every taken-down listing of the case is restored, each with an audit entry."""
    restored = 0
    for listing in case.listings.filter(status=ListingStatus.TAKEN_DOWN).order_by("pk"):
        listing.status = ListingStatus.RESTORED
        listing.save(update_fields=["status"])
        audit_record(
            actor=actor,
            subject=listing,
            case_id=case.pk,
            action="listing_restored",
            from_status=ListingStatus.TAKEN_DOWN,
            to_status=ListingStatus.RESTORED,
            note=note,
        )
        restored += 1
    return restored


def _date(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else "-"


def _complainant_link(case: Case) -> str:
    return reverse("complaints:case_detail", args=[case.pk])


def _platform_link(case: Case) -> str:
    return reverse("platforms:case_detail", args=[case.pk])


# Steps -----------------------------------------------------------------------------------------------


def notice_forward(*, case: Case, actor: User | None) -> None:
    """decided (measures taken) -> notice forwarded; the store's contact gets the signed link.

    Called inside the decision's transaction with the case locked.
    """
    case.notice_forwarded_at = timezone.now()
    case.deadline = add_working_days(timezone.localdate(), settings.IPRGOV_COUNTER_NOTICE_DAYS)
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.NOTICE_FORWARDED,
        note=_("Counter-notice possible until %(date)s.") % {"date": case.deadline.isoformat()},
        refused=_("The notice can only be forwarded once measures were taken."),
    )
    link = _site_url(respondent_url(case))
    deadline = case.deadline
    notify_address(
        address=case.store.contact_email,
        build=lambda: (
            _("Notice of an intellectual-property complaint against your listings (case %(number)s)")
            % {"number": case.pk},
            _(
                "Measures were taken on listings of your store after a complaint. Read the notice and the "
                "statement of reasons, and file a counter-notice by %(date)s if you believe the listings do "
                "not infringe:\n\n%(link)s\n\nThe link is personal to this case; do not share it."
            )
            % {"date": _date(deadline), "link": link},
        ),
    )
    notify_organisation(
        organisation=case.complaint.filed_by_org,
        case_id=case.pk,
        url=_complainant_link(case),
        email=False,
        build=lambda: (
            _("Case %(number)s: measures taken, notice forwarded to the respondent") % {"number": case.pk},
            _("The respondent may file a counter-notice until %(date)s.") % {"date": _date(deadline)},
        ),
    )


def case_close_rejected(*, case: Case, actor: User | None) -> None:
    """decided (every listing rejected) -> closed. Called inside the decision's transaction."""
    case.closed_at = timezone.now()
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.CLOSED_REJECTED,
        refused=_("Only a case rejected for every listing closes this way."),
    )
    notify_organisation(
        organisation=case.complaint.filed_by_org,
        case_id=case.pk,
        url=_complainant_link(case),
        build=lambda: (
            _("Case %(number)s: the platform rejected the notice") % {"number": case.pk},
            _("The statement of reasons is on the case page."),
        ),
    )


@transaction.atomic
def counter_notice_file(
    *,
    case_id: int,
    respondent_name: str,
    contact_email: str,
    statement: str,
    declaration: bool,
    evidence: Iterable[UploadedFile] = (),
) -> CounterNotice:
    """The respondent (through a verified link) files a counter-notice; the platform must forward it.

    Uploads must already have passed complaints.uploads.checked_upload.
    """
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "store")
        .get(pk=case_id)
    )
    errors: dict[str, list[str]] = {}
    if not statement.strip():
        errors["statement"] = [_("Explain why the listings do not infringe.")]
    if not respondent_name.strip():
        errors["respondent_name"] = [_("Give your name or your store's name.")]
    if not declaration:
        errors["declaration"] = [
            _("You must declare that the counter-notice is accurate and made in good faith.")
        ]
    if errors:
        raise ValidationError(errors)
    case.deadline = add_working_days(timezone.localdate(), settings.IPRGOV_PLATFORM_ACTION_DAYS)
    case_transition(
        case=case,
        actor=None,
        action=CaseAction.COUNTER_NOTICE_RECEIVED,
        note=statement.strip(),
        actor_label=_("respondent: %(name)s") % {"name": respondent_name.strip()},
        refused=_("A counter-notice can no longer be filed on this case: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    notice = CounterNotice(
        case=case,
        respondent_name=respondent_name.strip(),
        contact_email=contact_email.strip(),
        statement=statement.strip(),
        declaration=True,
    )
    notice.full_clean(exclude=["case"])
    notice.save()
    for upload in evidence:
        CounterNoticeEvidence.objects.create(
            counter_notice=notice,
            file=upload,
            original_name=str(getattr(upload, "original_name", upload.name))[:255],
        )
    deadline = case.deadline
    notify_organisation(
        organisation=case.platform.organisation,
        case_id=case.pk,
        url=_platform_link(case),
        build=lambda: (
            _("Case %(number)s: counter-notice received") % {"number": case.pk},
            _("Forward the counter-notice to the complainant by %(date)s.") % {"date": _date(deadline)},
        ),
    )
    return notice


@transaction.atomic
def counter_notice_forward(*, case_id: int, actor: User) -> Case:
    """counter-notice received -> window open: the complainant has the platform's window to act."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.PLATFORM:
        raise ValidationError(_("Only platform staff can do this."), code="forbidden")
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform", "complaint__filed_by_org")
        .get(pk=case_id, platform__organisation=org)
    )
    CounterNotice.objects.filter(case=case).update(forwarded_at=timezone.now())
    case.deadline = add_working_days(timezone.localdate(), case.platform.counter_notice_window_days)
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.COUNTER_NOTICE_FORWARDED,
        note=_("Window open until %(date)s.") % {"date": case.deadline.isoformat()},
        refused=_("There is no counter-notice to forward on this case: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    deadline = case.deadline
    notify_organisation(
        organisation=case.complaint.filed_by_org,
        case_id=case.pk,
        url=_complainant_link(case),
        build=lambda: (
            _("Case %(number)s: the respondent filed a counter-notice") % {"number": case.pk},
            _(
                "Show by %(date)s that you filed a complaint with an IPR office or a court, or the measures "
                "will be lifted and the listings restored."
            )
            % {"date": _date(deadline)},
        ),
    )
    return case


@transaction.atomic
def follow_up_record(*, case_id: int, actor: User, reference: str, linked_case_id: int | None = None) -> Case:
    """window open -> closed, measures stand: the complainant shows a complaint to an office or court."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only the complainant can do this."), code="forbidden")
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation")
        .get(pk=case_id, complaint__filed_by_org=org)
    )
    if not reference.strip():
        raise ValidationError(
            {"reference": _("Name the office or court and the reference of your complaint.")}
        )
    linked = None
    if linked_case_id:
        linked = (
            Case.objects.filter(pk=linked_case_id, complaint__filed_by_org=org).exclude(pk=case.pk).first()
        )
        if linked is None:
            raise ValidationError({"linked_case": _("Choose one of your own cases.")})
    case.follow_up_reference = reference.strip()
    case.follow_up_case = linked
    case.closed_at = timezone.now()
    case.deadline = None
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.FOLLOW_UP_FILED,
        note=case.follow_up_reference,
        refused=_("The window for this case is not open: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    from cases.services.penalties import penalty_apply

    penalty_apply(case_id=case.pk)
    notify_organisation(
        organisation=case.platform.organisation,
        case_id=case.pk,
        url=_platform_link(case),
        build=lambda: (
            _("Case %(number)s: complaint to an office or court filed") % {"number": case.pk},
            _("Keep the measures in place. Reference: %(reference)s")
            % {"reference": case.follow_up_reference},
        ),
    )
    return case


@transaction.atomic
def case_withdraw(*, case_id: int, actor: User, reason: str = "") -> Case:
    """The complainant withdraws one case at any open step; measures already taken are lifted."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only the complainant can withdraw a case."), code="forbidden")
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "store")
        .get(pk=case_id, complaint__filed_by_org=org)
    )
    before = case.status
    case.closed_at = timezone.now()
    case.deadline = None
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.WITHDRAWN,
        note=reason.strip(),
        refused=_("This case can no longer be withdrawn: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    restored = _restore_listings(case, actor=actor, note=_("The complainant withdrew the complaint."))
    if before != CaseStatus.NEW:
        notify_organisation(
            organisation=case.platform.organisation,
            case_id=case.pk,
            url=_platform_link(case),
            build=lambda: (
                _("Case %(number)s withdrawn by the complainant") % {"number": case.pk},
                _("Restore the listings taken down (%(count)d).") % {"count": restored}
                if restored
                else _("No further action is needed."),
            ),
        )
    if restored:
        _notify_store_restored(case)
    return case


def _notify_store_restored(case: Case) -> None:
    notify_address(
        address=case.store.contact_email,
        build=lambda: (
            _("Case %(number)s: your listings are restored") % {"number": case.pk},
            _("The measures taken on your listings were lifted."),
        ),
    )


# Run by the deadline job ----------------------------------------------------------------------------


@transaction.atomic
def case_lift_measures(*, case_id: int, now: datetime | None = None) -> bool:
    """window open and past its last day -> closed, listings restored. False when there is nothing to do."""
    today = timezone.localdate(now or timezone.now())
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "store")
        .get(pk=case_id)
    )
    if case.status != CaseStatus.WINDOW_OPEN or case.deadline is None or case.deadline >= today:
        return False
    case.closed_at = now or timezone.now()
    case_transition(
        case=case,
        actor=None,
        action=CaseAction.MEASURES_LIFTED,
        note=_("No office or court complaint shown by %(date)s.") % {"date": case.deadline.isoformat()},
    )
    restored = _restore_listings(case, actor=None, note=_("The counter-notice window expired."))
    notify_organisation(
        organisation=case.platform.organisation,
        case_id=case.pk,
        url=_platform_link(case),
        build=lambda: (
            _("Case %(number)s: window expired, restore the listings") % {"number": case.pk},
            _("Restore the %(count)d listings taken down.") % {"count": restored},
        ),
    )
    notify_organisation(
        organisation=case.complaint.filed_by_org,
        case_id=case.pk,
        url=_complainant_link(case),
        email=False,
        build=lambda: (
            _("Case %(number)s: measures lifted") % {"number": case.pk},
            _("No complaint to an office or court was shown within the window."),
        ),
    )
    _notify_store_restored(case)
    return True


@transaction.atomic
def case_close_without_counter_notice(*, case_id: int, now: datetime | None = None) -> bool:
    """notice forwarded and no counter-notice by the deadline -> closed, the measures stand."""
    today = timezone.localdate(now or timezone.now())
    case = Case.objects.select_for_update(of=("self",)).get(pk=case_id)
    if case.status != CaseStatus.NOTICE_FORWARDED or case.deadline is None or case.deadline >= today:
        return False
    case.closed_at = now or timezone.now()
    case_transition(case=case, actor=None, action=CaseAction.CLOSED_WITHOUT_COUNTER_NOTICE)
    from cases.services.penalties import penalty_apply

    penalty_apply(case_id=case.pk)
    return True


@transaction.atomic
def information_lapse(*, case_id: int, now: datetime | None = None) -> bool:
    """information requested and not supplied by its due date -> closed."""
    today = timezone.localdate(now or timezone.now())
    case = (
        Case.objects.select_for_update(of=("self",)).select_related("platform__organisation").get(pk=case_id)
    )
    if case.status != CaseStatus.INFORMATION_REQUESTED or case.deadline is None or case.deadline >= today:
        return False
    case.closed_at = now or timezone.now()
    case_transition(case=case, actor=None, action=CaseAction.INFORMATION_LAPSED)
    for organisation, url in (
        (case.complaint.filed_by_org, _complainant_link(case)),
        (case.platform.organisation, _platform_link(case)),
    ):
        notify_organisation(
            organisation=organisation,
            case_id=case.pk,
            url=url,
            email=organisation.kind == OrgKind.RIGHTSHOLDER,
            build=partial(_lapsed_message, case.pk),
        )
    return True


def _lapsed_message(case_id: int) -> tuple[str, str]:
    return (
        _("Case %(number)s closed: information not supplied") % {"number": case_id},
        _("The information requested was not supplied by its due date."),
    )
