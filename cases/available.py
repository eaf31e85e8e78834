"""What a user may do on a case now, read from the catalogue and the state machine, so that pages and
the API offer exactly the actions the services will accept."""

from accounts.models import OrgKind, Role, User
from cases.actions import ACTIONS, CaseAction, Party
from cases.models import Case, ReviewParty
from cases.services.review import review_may_be_asked, review_pending
from cases.transition import action_allowed_now

# The review steps hang on more than the status: asking needs a decision the complainant contests, in time,
# and no review pending; answering needs a review pending and someone other than the first decider.
_ANSWERS = (CaseAction.REVIEW_CONFIRMED, CaseAction.REVIEW_REVERSED)


def party_of(case: Case, user: User) -> Party | None:
    """The part the user's organisation plays in the case (None: it plays none)."""
    org = user.organisation
    if org is None:
        return None
    if org.pk == case.complaint.filed_by_org_id:
        return Party.COMPLAINANT
    if org.pk == case.platform.organisation_id:
        return Party.PLATFORM
    if case.office is not None and org.pk == case.office.organisation_id:
        return Party.OFFICE
    if (
        org.kind == OrgKind.DISPUTE_BODY
        and Case.objects.filter(
            pk=case.pk,
            dispute_referrals__body__organisation=org,
            dispute_referrals__accepted_at__isnull=False,
        ).exists()
    ):
        return Party.DISPUTE_BODY
    return None


def actions_available(case: Case, user: User) -> set[CaseAction]:
    """The actions this user may carry out on the case in its current status."""
    party = party_of(case, user)
    if party is None:
        return set()
    manager = user.membership.role == Role.MANAGER if hasattr(user, "membership") else False
    allowed = {
        action
        for action, spec in ACTIONS.items()
        if spec.done_by(party) and (manager or not spec.managers) and action_allowed_now(case, action)
    }
    if CaseAction.REVIEW_REQUESTED in allowed and not review_may_be_asked(case, ReviewParty.COMPLAINANT):
        allowed.discard(CaseAction.REVIEW_REQUESTED)
    if allowed & set(_ANSWERS) and (
        review_pending(case) is None or case.listing_decisions.filter(decided_by=user).exists()
    ):
        allowed.difference_update(_ANSWERS)
    return allowed
