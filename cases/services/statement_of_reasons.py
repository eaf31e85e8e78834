"""A statement of reasons must give reasons: the standard parts come from the platform, the facts from a person."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from platforms.statements import StatementParts

# Below this many letters or digits the facts cannot say what was found about the listing: "Rejected.", "侵权。"
# and "Counterfeit goods" all fall short, one plain sentence (in English or Chinese) does not.
FACTS_MIN_CHARACTERS = 20

# Words that only restate the outcome. Facts made of nothing else give no reason, however they are combined.
BOILERPLATE_WORDS = frozenset(
    {
        "rejected", "reject", "rejection", "accepted", "removed", "taken", "down", "takedown", "take",
        "deleted", "infringing", "infringement", "not", "no", "counterfeit", "counterfeits", "goods",
        "confirmed", "decision", "decided", "as", "per", "policy", "see", "above", "attached", "n/a", "na",
        "ok", "done", "valid", "invalid", "notice", "complaint", "the", "a", "is", "was", "has", "been",
        "驳回", "已驳回", "删除", "已删除", "下架", "已下架", "侵权", "不侵权", "通过", "同意", "拒绝", "假货",
    }
)  # fmt: skip

_WORD = re.compile(r"[\w/]+")
_SIGNIFICANT = re.compile(r"\w")


def _gives_no_reason(facts: str, reason_label: str) -> bool:
    if len(_SIGNIFICANT.findall(facts)) < FACTS_MIN_CHARACTERS:
        return True
    words = set(_WORD.findall(facts.lower())) - set(_WORD.findall(reason_label.lower()))
    return words <= BOILERPLATE_WORDS


def statement_checked(
    *, given: StatementParts, template: StatementParts, reason_label: str
) -> StatementParts:
    """The statement as it will be sent: `given` with empty standard parts taken from `template`.

    Raises a ValidationError naming each part that is missing, and the facts when they only restate the
    outcome or the reason code (too short, or nothing but words like "Rejected.").
    """
    parts = given.filled_from(template)
    errors: dict[str, ValidationError] = {}
    if not parts.facts:
        errors["statement"] = ValidationError(
            _("Give a statement of reasons; the respondent receives it."), code="required"
        )
    elif _gives_no_reason(parts.facts, reason_label):
        errors["statement"] = ValidationError(
            _(
                "“%(text)s” gives no reason. Say which facts the decision rests on: what the notice, its "
                "evidence or the office's opinion shows about these listings."
            )
            % {"text": parts.facts[:80]},
            code="no_reason",
        )
    for field, message in (
        ("measure_scope", _("Say what the measure is, where it applies and for how long.")),
        ("legal_ground", _("Name the law or the clause of the terms of service the decision rests on.")),
        ("redress", _("Say what the respondent can do against the decision.")),
    ):
        if not getattr(parts, field):
            errors[field] = ValidationError(message, code="required")
    if errors:
        raise ValidationError(errors)
    return parts
