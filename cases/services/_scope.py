"""Helpers shared by the office services: who the acting office is, and its case under a lock."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import OrgKind, Role, User
from cases.models import Case
from enforcement.models import Office


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
    office = office_of_actor(actor)
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "office__organisation",
            "complaint__right",
            "complaint__filed_by_org",
            "store",
            "platform__organisation",
        )
        .get(pk=case_id, office=office)
    )
