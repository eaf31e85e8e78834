"""Helpers shared by the office services: who the acting office is, and its case under a lock."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrgKind, Role, User
from cases.models import Case
from enforcement.models import Office
from regions.selectors import regions_within


def office_of_actor(actor: User) -> Office:
    """The office the actor works for; a ValidationError (forbidden) for anyone else."""
    org = actor.organisation
    office = getattr(org, "office", None) if org is not None and org.kind == OrgKind.OFFICE else None
    if office is None:
        raise ValidationError(_("Only officials of an IPR office can do this."), code="forbidden")
    return office


def require_manager(actor: User) -> Office:
    office = office_of_actor(actor)
    if actor.membership.role != Role.MANAGER:
        raise ValidationError(_("Only a manager of the office can do this."), code="forbidden")
    return office


def locked_case_of_office(*, case_id: int, actor: User) -> Case:
    """The case, locked, if it is in the actor's office's jurisdiction; Case.DoesNotExist otherwise."""
    office_of_actor(actor)  # a ValidationError (forbidden) for anyone but an official
    return locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.OFFICE)


# The filter that scopes a case to an organisation of each kind (cases.selectors.cases_visible_to's rule).
CASE_OF = {
    OrgKind.RIGHTSHOLDER: "complaint__filed_by_org",
    OrgKind.PLATFORM: "platform__organisation",
    OrgKind.OFFICE: "office__organisation",
}
ONLY = {
    OrgKind.RIGHTSHOLDER: _("Only the complainant can do this."),
    OrgKind.PLATFORM: _("Only platform staff can do this."),
    OrgKind.OFFICE: _("Only officials of an IPR office can do this."),
}


def supervised_regions(org: Organisation) -> set[int]:
    """The regions a supervising authority covers, the divisions below them included (none for any other
    organisation)."""
    authority = getattr(org, "supervisor", None) if org.kind == OrgKind.SUPERVISOR else None
    if authority is None:
        return set()
    return regions_within(authority.regions.values_list("pk", flat=True))


def cases_in_regions(region_ids: set[int]) -> Q:
    """A case is in a region when its platform is registered there or its office serves it."""
    return Q(platform__region__in=region_ids) | Q(office__in=Office.objects.filter(regions__in=region_ids))


# What every message about a case names: read with the locked case, so telling the parties reads nothing.
PARTIES = (
    "complaint__filed_by_org",
    "complaint__right",
    "platform__organisation",
    "office__organisation",
    "store",
)


def _acting_org(actor: User, kind: str, refused: str) -> Organisation:
    org = actor.organisation
    if org is not None and org.kind == OrgKind.SUPERVISOR:
        raise ValidationError(
            _("A supervising authority reads cases; it cannot act on them."), code="forbidden"
        )
    if org is None or org.kind != kind:
        raise ValidationError(refused or ONLY[OrgKind(kind)], code="forbidden")
    return org


def locked_case_for(*, case_id: int, actor: User, kind: str, refused: str = "") -> Case:
    """The case, locked, with the parties every message needs, when the actor's organisation is of `kind`
    and the case is in its scope. ValidationError (forbidden) for another kind of organisation, with
    `refused` or a general message; Case.DoesNotExist outside its scope. A supervising authority reads
    cases and acts on none, so it is refused here whatever it asks."""
    org = _acting_org(actor, kind, refused)
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related(*PARTIES)
        .get(pk=case_id, **{CASE_OF[OrgKind(kind)]: org})
    )


def locked_cases_for(
    *, case_ids: list[int], actor: User, kind: str, related: tuple[str, ...] = ()
) -> list[Case]:
    """locked_case_for for many cases in one query, locked in id order (so that two actions on shared
    cases never wait on each other in a cycle), with `related` read too; the ids outside the scope are
    left out. ValidationError (forbidden) as locked_case_for."""
    org = _acting_org(actor, kind, "")
    return list(
        Case.objects.select_for_update(of=("self",))
        .select_related(*PARTIES, *related)
        .filter(pk__in=case_ids, **{CASE_OF[OrgKind(kind)]: org})
        .order_by("pk")
    )
