"""`case_event`: sent by case_transition inside the case's transaction, once per action carried out.

Receivers (webhooks' outbox, for one) write their rows in that same transaction, so they exist exactly
when the change committed, and start anything that leaves the process after commit.
Arguments: case_id (int), case (the Case, as saved), action (CaseAction), actor (audit.actors.Actor:
a User, a Respondent or SYSTEM), note (str, the audit note).
"""

from django.dispatch import Signal

case_event = Signal()
