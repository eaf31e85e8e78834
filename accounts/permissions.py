"""View guards: a page of one organisation kind is a 404 to everyone else, never a hint that it exists."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from accounts.models import OrgKind
from accounts.selectors import user_is_of_kind


def org_kind_required(*kinds: OrgKind) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not any(user_is_of_kind(request.user, kind) for kind in kinds):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


rightsholder_required = org_kind_required(OrgKind.RIGHTSHOLDER)
platform_required = org_kind_required(OrgKind.PLATFORM)
office_required = org_kind_required(OrgKind.OFFICE)
supervisor_required = org_kind_required(OrgKind.SUPERVISOR)
dispute_body_required = org_kind_required(OrgKind.DISPUTE_BODY)
law_enforcement_required = org_kind_required(OrgKind.LAW_ENFORCEMENT)
# The pages of referrals to law enforcement: the platform or office that refers, the authority referred to.
referral_party_required = org_kind_required(OrgKind.PLATFORM, OrgKind.OFFICE, OrgKind.LAW_ENFORCEMENT)
referrer_required = org_kind_required(OrgKind.PLATFORM, OrgKind.OFFICE)
