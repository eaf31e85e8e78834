"""The token page: a signed-in user's API tokens. Make one (its key is shown in that one response) or revoke one.

The page is a way to a token, so it applies the second-factor policy itself: a user who must use a second
factor gets it only in a session verified with a code (also one that began before their device was set up).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.second_factor import second_factor_required, session_verified
from accounts.security import redirect_to_two_factor
from accounts.selectors import api_tokens_of
from accounts.services_tokens import IssuedToken, api_token_create, api_token_revoke
from iprgov.http import acting_user, found_or_404


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, for example the script that uses it."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if second_factor_required(user) and not session_verified(user):
        return redirect_to_two_factor(request)
    form = TokenForm(request.POST or None)
    issued: IssuedToken | None = None
    if request.method == "POST" and form.is_valid():
        # Shown in this response, not after a redirect: the key must not wait in the session or a cookie.
        issued = api_token_create(user=user, name=form.cleaned_data["name"])
        form = TokenForm()
    context = {"form": form, "issued": issued, "tokens": api_tokens_of(user=user)}
    response = render(request, "api/token.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # No code asked: revoking takes access away and gives none.
    token = found_or_404(api_token_revoke, user=acting_user(request), token_id=pk)
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("api:token_page")
