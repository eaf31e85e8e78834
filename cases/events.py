"""`case_event`: sent by case_transition inside the case's transaction, once per action carried out.
`case_events`: sent by case_transition_many inside the cases' transaction, once for one action carried
out on many cases.

Receivers (webhooks' outbox, for one) write their rows in that same transaction, so they exist exactly
when the change committed, and start anything that leaves the process after commit.
Arguments of `case_event`: case_id (int), case (the Case, as saved), action (CaseAction), actor
(audit.actors.Actor: a User, a Respondent or SYSTEM), note (str, the audit note).
Arguments of `case_events`: cases (list of Case, as saved, in id order), action, actor, notes (dict of
case id to its audit note). Every receiver of one connects to the other, and handles the batch in a
number of queries that does not grow with the number of cases.
"""

from django.dispatch import Signal

case_event = Signal()
case_events = Signal()
