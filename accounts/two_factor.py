"""Sign-in form with an optional TOTP code, and the page that sets up or checks two-factor.

While sign-in is locked out (accounts.lockout) the form says so, even to the right password.

A user with a confirmed TOTP device must give its current code on the login page; the device is
then remembered in the session (django_otp), so `request.user.is_verified()` is true. Officials are
required to have one when IPRGOV_REQUIRE_2FA_FOR_OFFICIALS is on (accounts.security middleware).
"""

import base64
import io
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.lockout import LOCKED_OUT, lockout_minutes, sign_in_locked_out
from accounts.second_factor import CODE_REQUIRED, CODE_WRONG
from audit.services import audit_record
from iprgov.http import acting_user


def _code_field(required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Authentication code"),
        required=required,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="" if required else _("Only if two-factor authentication is on for your account."),
    )


class LoginForm(AuthenticationForm):
    otp_token = _code_field(required=False)

    def get_invalid_login_error(self) -> ValidationError:
        # The lockout refuses even the right password: say so, not that the password is wrong.
        if sign_in_locked_out(self.request):
            return ValidationError(LOCKED_OUT, code="locked_out", params={"minutes": lockout_minutes()})
        return super().get_invalid_login_error()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and django_otp.user_has_device(user):
            token = (cleaned.get("otp_token") or "").strip()
            if not token:
                raise ValidationError(CODE_REQUIRED, code="otp_required")
            device = django_otp.match_token(user, token)
            if device is None:
                raise ValidationError(CODE_WRONG, code="otp_invalid")
            # django_otp's user_logged_in receiver stores the device in the session.
            user.otp_device = device  # type: ignore[attr-defined]  # read by django_otp's user_logged_in receiver
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


class CodeForm(forms.Form):
    otp_token = _code_field(required=True)


def _qr_data_uri(url: str) -> str:
    out = io.BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


@require_http_methods(["GET", "POST"])
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up TOTP (first use: secret, QR code, confirm with a code) or verify a code in this session."""
    user = acting_user(request)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(actor=user, subject=device, action="two_factor_enabled")
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("otp_token", ValidationError(CODE_WRONG, code="otp_invalid"))
    context: dict[str, Any] = {
        "form": form,
        "confirmed": device.confirmed,
        "verified": user.is_verified(),  # type: ignore[attr-defined]  # set on the user by OTPMiddleware
        "next": request.POST.get("next") or request.GET.get("next") or "",
    }
    if not device.confirmed:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr_code"] = _qr_data_uri(device.config_url)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/two_factor.html", context, status=status)
