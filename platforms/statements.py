"""The parts of a statement of reasons (DSA art. 17(3)) and each platform's standard wording of them."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from platforms.models import DecisionAction, Platform


@dataclass(frozen=True)
class StatementParts:
    """What the respondent is told about a decision, part by part."""

    measure_scope: str
    facts: str
    legal_ground: str
    automated_means: bool
    redress: str

    def filled_from(self, template: "StatementParts") -> "StatementParts":
        """These parts, with each standard part left empty taken from `template` (the facts never are)."""
        return replace(
            self,
            measure_scope=self.measure_scope.strip() or template.measure_scope,
            facts=self.facts.strip(),
            legal_ground=self.legal_ground.strip() or template.legal_ground,
            redress=self.redress.strip() or template.redress,
        )


def _default_template(action: str) -> StatementParts:
    """The wording used by a platform that has set none for this decision, in the current language."""
    if action == DecisionAction.TAKE_DOWN:
        return StatementParts(
            measure_scope=_(
                "The listing is removed and cannot be reached on the platform, wherever it is offered. The "
                "measure lasts until it is lifted: when a counter-notice is not followed up by the "
                "complainant within the window, or by an office's or a court's decision."
            ),
            facts="",
            legal_ground=_(
                "E-Commerce Law of the People's Republic of China, art. 42 (necessary measures on a notice of "
                "infringement), and the platform's terms of service on intellectual-property infringement."
            ),
            automated_means=False,
            redress=_(
                "You may file a counter-notice with evidence through the link in this notice (E-Commerce Law "
                "art. 43). You may also complain to the platform, ask the IPR office to handle the dispute, "
                "or bring it before a court."
            ),
        )
    return StatementParts(
        measure_scope=_("No measure: the listing stays online and nothing is restricted."),
        facts="",
        legal_ground=_(
            "E-Commerce Law of the People's Republic of China, art. 42: a notice is acted on only with "
            "preliminary evidence of infringement; the platform's terms of service on intellectual-property "
            "notices."
        ),
        automated_means=False,
        redress=_(
            "No measure was taken against you, so nothing needs to be done. The complainant may file a new "
            "notice with further evidence, ask the IPR office to handle the dispute, or go to court."
        ),
    )


def statement_template_for(platform: Platform, action: str) -> StatementParts:
    """The platform's standard parts for a decision (its own template, else the defaults); facts are empty."""
    own = platform.statement_templates.filter(action=action).first()
    if own is None:
        return _default_template(action)
    return StatementParts(
        measure_scope=own.measure_scope,
        facts="",
        legal_ground=own.legal_ground,
        automated_means=own.automated_means,
        redress=own.redress,
    )
