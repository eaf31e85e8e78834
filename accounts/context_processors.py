from django.http import HttpRequest

from accounts.selectors import organisation_of


def membership(request: HttpRequest) -> dict:
    org = organisation_of(request.user)
    return {"current_org": org, "current_org_kind": org.kind if org else None}
