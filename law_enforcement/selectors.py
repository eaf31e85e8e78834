"""Reads of referrals to law enforcement, scoped: the authority sees the referrals made to it, a platform or
an office those it made, a supervising authority the figures of its regions; anything else is a 404."""

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from cases.actions import REFERABLE
from cases.models import Case
from cases.selectors import cases_visible_to
from cases.services._scope import supervised_regions
from law_enforcement.models import (
    MAX_CASES_PER_REFERRAL,
    LawEnforcementAuthority,
    Referral,
    ReferralStatus,
)


def authority_of(user: User) -> LawEnforcementAuthority:
    """The authority the user works for; DoesNotExist (a 404) for an organisation of this kind whose profile
    the operators have not entered yet."""
    return LawEnforcementAuthority.objects.prefetch_related("regions").get(organisation=organisation_of(user))


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    """Newest first: to an authority the referrals made to it, to a platform or an office those it made."""
    org = organisation_of(user)
    if org is None:
        return Referral.objects.none()
    if org.kind == OrgKind.LAW_ENFORCEMENT:
        scope = Q(authority__organisation=org)
    elif org.kind in (OrgKind.PLATFORM, OrgKind.OFFICE):
        scope = Q(referred_by_org=org)
    else:
        return Referral.objects.none()
    return (
        Referral.objects.filter(scope)
        .select_related("authority__organisation", "referred_by_org", "region", "platform__organisation")
        .order_by("-created_at", "-pk")
    )


def referral_get(*, user: User, referral_id: int) -> Referral:
    """One referral with its cases and outcomes; Referral.DoesNotExist (a 404) outside the user's scope."""
    return (
        referrals_visible_to(user)
        .prefetch_related("outcomes__recorded_by__membership__organisation")
        .get(pk=referral_id)
    )


def referral_cases(referral: Referral) -> QuerySet[Case]:
    return referral.cases.select_related("store", "platform__organisation").order_by("pk")


def referrals_of_case(*, user: User, case: Case) -> list[Referral]:
    """The referrals of a case that the user may read (the referring party's, on its case page)."""
    return list(
        referrals_visible_to(user)
        .filter(pk__in=Referral.cases.through.objects.filter(case_id=case.pk).values("referral_id"))
        .prefetch_related("outcomes")
    )


def referral_candidates(*, user: User, case_ids: list[int], store_id: int | None) -> QuerySet[Case]:
    """The cases of the user's scope the referral form offers: those named, or every case of a store that
    was routed; at most MAX_CASES_PER_REFERRAL, newest first."""
    cases = cases_visible_to(user).filter(status__in=REFERABLE)
    if store_id is not None:
        cases = cases.filter(store_id=store_id)
    else:
        cases = cases.filter(pk__in=case_ids)
    # Unsliced, so that the form can look the chosen ones up in it: the newest ids, then their cases.
    newest = list(cases.order_by("-pk").values_list("pk", flat=True)[:MAX_CASES_PER_REFERRAL])
    return (
        Case.objects.filter(pk__in=newest).select_related("store", "platform__organisation").order_by("-pk")
    )


def authorities_for_referral() -> QuerySet[LawEnforcementAuthority]:
    """Every authority a referral can go to, with the regions it serves (the service checks the region)."""
    return (
        LawEnforcementAuthority.objects.select_related("organisation")
        .prefetch_related("regions")
        .order_by("organisation__name")
    )


def referral_figures(*, user: User) -> list[dict[str, Any]]:
    """Per region and platform, for the supervising authority's regions: referrals, cases referred,
    acknowledged, with an investigation opened, with goods seized, closed. One grouped query on the
    referrals (a table of a few rows per store referred), never on the cases."""
    org = organisation_of(user)
    if org is None or org.kind != OrgKind.SUPERVISOR:
        raise PermissionError
    rows = (
        Referral.objects.filter(region__in=supervised_regions(org))
        .values("region__code", "region__name", "platform__organisation__name")
        .annotate(
            referrals=Count("pk"),
            cases=Sum("case_count"),
            acknowledged=Count("pk", filter=~Q(status=ReferralStatus.REFERRED)),
            investigation_opened=Count("pk", filter=Q(investigation_opened=True)),
            goods_seized=Count("pk", filter=Q(goods_seized=True)),
            closed=Count("pk", filter=Q(status=ReferralStatus.CLOSED)),
        )
        .order_by("region__code", "platform__organisation__name")
    )
    return [dict(row) for row in rows]
