"""Forms of the platform console: the queue filter, the per-listing and the bulk decision."""

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cases.models import AdministrativeDecision, CaseStatus, DeterminationOpinion
from complaints.models import Listing, ListingStatus
from platforms.models import DecisionAction, ReasonCode, Store
from platforms.statements import StatementParts

# The platform never sees a case before it is routed (case_list_for_platform leaves them out).
QUEUE_STATUSES = [(value, label) for value, label in CaseStatus.choices if value != CaseStatus.NEW]


# The parts a platform words once per decision; the facts are always written for the case.
TEMPLATED_PARTS = ("measure_scope", "legal_ground", "automated_means", "redress")


def _wording(value: str | bool) -> str:
    """A template part as decision_form.js reads it from a data attribute (a checkbox's as "true"/"false")."""
    return str(value).lower() if isinstance(value, bool) else value


class DecisionForm(forms.Form):
    """A decision with its reason code and the parts of its statement of reasons (DSA art. 17(3)).

    The standard parts carry the platform's wording for each decision (`data-template-<action>`, which
    `decision_form.js` puts in a part the moderator has not edited when the decision changes); a part left
    empty takes it on the server. A decision on more than one item (listing or case) is only accepted with
    the confirmation tick of exactly those items (`confirm`, their sorted ids), which names them and their
    count; a submission without it is refused with the question.
    """

    action = forms.ChoiceField(label=_("Decision"), choices=DecisionAction.choices, widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(label=_("Reason"))
    measure_scope = forms.CharField(
        label=_("Measure, its scope and duration"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty, the platform's standard text for the decision is used."),
    )
    statement = forms.CharField(
        label=_("Facts and reasons relied on"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the notice, its evidence and any office opinion show about these listings, in plain words. "
            "The respondent receives it with the notice and the opinion cited."
        ),
        error_messages={"required": _("Give a statement of reasons; the respondent receives it.")},
    )
    legal_ground = forms.CharField(
        label=_("Legal or terms-of-service ground"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty, the platform's standard text for the decision is used."),
    )
    automated_means = forms.BooleanField(
        label=_("Automated means were used to detect the listing or to decide"), required=False
    )
    redress = forms.CharField(
        label=_("Redress open to the respondent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty, the platform's standard text for the decision is used."),
    )
    # The multiple-choice field of the items decided, and the wording of their confirmation (by count).
    items_field = ""
    confirm_question: Any = ""
    confirm_label: Any = ""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        reasons: list,
        templates: Mapping[str, StatementParts],
        action: str = "",
    ) -> None:
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["reason_code"]).choices = reasons
        for name in TEMPLATED_PARTS:
            self.fields[name].widget.attrs.update(
                {
                    f"data-template-{value}": _wording(getattr(parts, name))
                    for value, parts in templates.items()
                }
            )
        if action:
            self.fields["action"].initial = action
            for name in TEMPLATED_PARTS:
                self.fields[name].initial = getattr(templates[action], name)
        # The items named by a confirmation step still to be ticked (empty while none is asked for).
        self.confirming: list[str] = []
        self.confirm_value = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get(self.items_field) or []
        if len(chosen) > 1:
            labels = dict(
                cast(list[tuple[int, str]], cast(forms.ChoiceField, self.fields[self.items_field]).choices)
            )
            value = ",".join(str(pk) for pk in sorted(chosen))
            if value not in cast(QueryDict, self.data).getlist("confirm"):
                self.confirming = [str(labels[pk]) for pk in chosen]
                self.confirm_value = value
                raise forms.ValidationError(self.confirm_question % {"count": len(chosen)}, code="confirm")
        return cleaned

    @property
    def confirm_text(self) -> str:
        return str(self.confirm_label % {"count": len(self.confirming)})

    def statement_parts(self) -> StatementParts:
        data = self.cleaned_data
        return StatementParts(
            measure_scope=data["measure_scope"],
            facts=data["statement"],
            legal_ground=data["legal_ground"],
            automated_means=data["automated_means"],
            redress=data["redress"],
        )


class ListingDecisionForm(DecisionForm):
    """One decision (take down or reject) for the chosen pending listings of a case; none is chosen beforehand.

    Every listing of the case is a valid choice but only pending ones are offered: a listing that
    someone else decided after this page was loaded then reaches the service, which answers with a
    readable conflict instead of the form's generic "not one of the available choices".
    """

    listings = forms.TypedMultipleChoiceField(
        label=_("Listings"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one listing.")},
    )
    field_order = ["listings"]
    items_field = "listings"
    confirm_question = ngettext_lazy(
        "You chose %(count)d listing.",
        "You chose %(count)d listings: tick the confirmation to decide all %(count)d alike.",
        "count",
    )
    confirm_label = ngettext_lazy(
        "Yes, decide this %(count)d listing", "Yes, decide these %(count)d listings", "count"
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        listings: Sequence[Listing],
        reasons: list,
        templates: Mapping[str, StatementParts],
        opinion: DeterminationOpinion | None = None,
        decision: AdministrativeDecision | None = None,
    ) -> None:
        required = ""
        if decision is not None:
            required = (
                DecisionAction.TAKE_DOWN if decision.infringement_established else DecisionAction.REJECT
            )
        super().__init__(data, reasons=reasons, templates=templates, action=required)
        field = cast(forms.TypedMultipleChoiceField, self.fields["listings"])
        field.choices = [(listing.pk, str(listing)) for listing in listings]
        field.widget.choices = [
            (item.pk, str(item)) for item in listings if item.status == ListingStatus.PENDING
        ]
        if decision is not None:
            self.fields["reason_code"].initial = ReasonCode.OFFICE_DECISION
        elif opinion is not None:
            self.fields["reason_code"].initial = ReasonCode.OFFICE_OPINION


class InformationRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Information needed from the complainant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what information you need.")},
    )


class BulkDecisionForm(DecisionForm):
    """One decision for every pending listing of each case chosen in the queue.

    The cases travel as the queue's choice (hidden, nothing added); the page names them and, for more than
    one, asks for the confirmation tick from the start.
    """

    cases = forms.TypedMultipleChoiceField(
        label=_("Cases"),
        coerce=int,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Choose at least one case.")},
    )
    field_order = ["cases"]
    items_field = "cases"
    confirm_question = ngettext_lazy(
        "You chose %(count)d case.",
        "You chose %(count)d cases: tick the confirmation to decide every pending listing of all %(count)d alike.",
        "count",
    )
    confirm_label = ngettext_lazy(
        "Yes, decide this %(count)d case", "Yes, decide these %(count)d cases", "count"
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        cases: Sequence[Any],
        reasons: list,
        templates: Mapping[str, StatementParts],
    ) -> None:
        super().__init__(data, reasons=reasons, templates=templates)
        field = cast(forms.TypedMultipleChoiceField, self.fields["cases"])
        field.choices = [(case.pk, f"{case.pk} · {case.store}") for case in cases]
        field.initial = [case.pk for case in cases]
        if len(cases) > 1:
            self.confirming = [label for _pk, label in cast(list[tuple[int, str]], field.choices)]
            self.confirm_value = ",".join(str(case.pk) for case in sorted(cases, key=lambda case: case.pk))


class StoreContactForm(forms.ModelForm):
    """How the platform reaches the respondent: emails go to the contact in its language."""

    class Meta:
        model = Store
        fields = ["contact_email", "language", "region"]
