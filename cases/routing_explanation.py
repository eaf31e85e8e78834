"""Why a case went where it went, in the reader's language.

`Case.routing_reason` is the text of record: written once, at routing time, in the site's default
language, and never changed. This module re-renders the same decision from the structured fields
routing stored (rule, mode, office, deadline) in whatever language is active, so that each reader
gets it in their own. It does not restate the rule's conditions: the rule may have been edited
since, and only the text of record says what was true then.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Case, HandlingMode


def routing_explanation(case: Case) -> str:
    """One paragraph in the active language; empty for a case not routed yet."""
    if not case.mode:
        return ""
    parts = []
    rule = case.routing_rule
    mode = HandlingMode(case.mode).label
    if rule is not None:
        parts.append(
            _("Routing rule %(position)d “%(name)s” sent this case to %(mode)s.")
            % {"position": rule.position, "name": rule.shown_name, "mode": mode}
        )
        if rule.mode != case.mode and case.routed_office is None:
            parts.append(_("No IPR office serves this region, so the case is handled by the platform alone."))
    else:
        parts.append(_("This case was routed to %(mode)s.") % {"mode": mode})
    # The office routing chose, not today's: a transfer since then does not rewrite why.
    if case.routed_office is not None:
        parts.append(_("Office of jurisdiction: %(office)s.") % {"office": case.routed_office})
    if case.deadline is not None:
        parts.append(_("Deadline: %(deadline)s.") % {"deadline": date_format(case.deadline, "DATE_FORMAT")})
    return " ".join(str(part) for part in parts)
