"""Records that exist only as platform steps of a case: listing decisions, information requests,
counter-notices and their evidence."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from iprgov.abstract_models import AnsweredRequest
from iprgov.file_integrity import HashedFilesModel, integrity_fields
from platforms.models import DecisionAction, ReasonCode


class ListingDecision(models.Model):
    """What a platform decided for one listing, with the statement of reasons the respondent receives."""

    listing = models.ForeignKey(
        "complaints.Listing", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("listing")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="listing_decisions", verbose_name=_("case")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    action = models.CharField(_("decision"), max_length=20, choices=DecisionAction.choices)
    # A default ReasonCode (label empty: shown in the reader's language) or a platform's own code with its label.
    reason_code = models.CharField(_("reason code"), max_length=40)
    reason_label = models.CharField(_("reason"), max_length=200, blank=True)
    # The parts of a statement of reasons (DSA art. 17(3)). `statement` holds the facts and reasons relied on:
    # a decision recorded before the statement had parts kept its free statement there, with the other
    # parts empty (and automated means not recorded). The database defaults keep inserts of code that
    # predates the parts (a web process still running during a deploy) working.
    measure_scope = models.TextField(_("measure, its scope and duration"), blank=True, db_default="")
    statement = models.TextField(_("facts and reasons relied on"))
    notice_cited = models.CharField(
        _("notice relied on"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("The complaint the decision answers."),
    )
    cites_office_record = models.CharField(
        _("office record cited"),
        max_length=200,
        blank=True,
        help_text=_("The opinion or decision relied on."),
    )
    legal_ground = models.TextField(_("legal or terms-of-service ground"), blank=True, db_default="")
    automated_means = models.BooleanField(_("automated means used"), null=True, default=None)
    redress = models.TextField(_("redress open to the respondent"), blank=True, db_default="")
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        db_table = "platforms_listingdecision"
        verbose_name = _("listing decision")
        verbose_name_plural = _("listing decisions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.listing_id}"

    @property
    def reason_display(self) -> str:
        """A default code's label in the reader's language; a platform's own code as it was shown when decided."""
        if not self.reason_label and self.reason_code in ReasonCode.values:
            return str(ReasonCode(self.reason_code).label)
        return self.reason_label or self.reason_code


class InformationRequest(AnsweredRequest):
    """The platform asks the complainant for more before deciding; unanswered by `due_on`, the case closes."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="information_requests", verbose_name=_("case")
    )
    question = models.TextField(_("information requested"))
    due_on = models.DateField(_("due on"))

    class Meta:
        db_table = "platforms_informationrequest"
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return _("Information request on case %(number)s") % {"number": self.case_id}


class CounterNotice(models.Model):
    """The respondent's answer to a notice (E-Commerce Law art. 43), filed through the signed link."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="counter_notice", verbose_name=_("case")
    )
    respondent_name = models.CharField(_("name of the respondent"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    statement = models.TextField(_("why the listings do not infringe"))
    declaration = models.BooleanField(_("declaration of good faith and accuracy"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    forwarded_at = models.DateTimeField(_("forwarded to the complainant at"), null=True, blank=True)

    class Meta:
        db_table = "platforms_counternotice"
        verbose_name = _("counter-notice")
        verbose_name_plural = _("counter-notices")
        constraints = [
            models.CheckConstraint(condition=models.Q(declaration=True), name="counter_notice_declared"),
        ]

    def __str__(self) -> str:
        return _("Counter-notice on case %(number)s") % {"number": self.case_id}


class CounterNoticeEvidence(HashedFilesModel):
    hashed_files = ("file",)

    counter_notice = models.ForeignKey(
        CounterNotice, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("counter-notice")
    )
    file = models.FileField(_("file"), upload_to="counter-notices/%Y/%m/")
    file_sha256, file_size, file_content_type = integrity_fields()
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        db_table = "platforms_counternoticeevidence"
        verbose_name = _("counter-notice evidence")
        verbose_name_plural = _("counter-notice evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
