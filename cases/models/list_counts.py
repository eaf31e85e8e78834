"""How many cases each platform, office and complainant has in each (handling mode, status), kept by the
database itself (triggers of migration cases 0016) so a case list shows its total and the counts beside
its choices without counting cases.

Rows are changes, not totals: every statement that inserts, updates or deletes cases appends one row per
(scope, mode, status) it changed, with the difference. Appending never waits for another transaction (a
single counter row per key would make every transition of a platform's cases queue behind each other);
`cases.services.list_counts.case_counts_compact` folds the rows of each key into one every minute, so a
read sums a few rows per key.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountScope(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    OFFICE = "office", _("Office")
    COMPLAINANT = "complainant", _("Complainant")


class CaseCount(models.Model):
    # Plain integers, not foreign keys: the row is the database's own bookkeeping, rebuilt from the cases
    # (`case_counts_rebuild`) whenever in doubt.
    scope = models.CharField(_("scope"), max_length=12, choices=CountScope.choices)
    scope_pk = models.BigIntegerField(_("platform, office or organisation"))
    mode = models.CharField(_("handling mode"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=40)
    n = models.BigIntegerField(_("change in the number of cases"))

    class Meta:
        db_table = "cases_case_count"
        verbose_name = _("case count")
        verbose_name_plural = _("case counts")
        indexes = [models.Index(fields=["scope", "scope_pk"], name="case_count_by_scope")]

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_pk} {self.mode}/{self.status}: {self.n:+d}"
