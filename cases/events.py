"""`case_event`: sent by case_transition inside the case's transaction, once per action carried out.

Receivers (webhooks' outbox, for one) write their rows in that same transaction, so they exist exactly
when the change committed, and start anything that leaves the process after commit.
Arguments: case_id (int), case (the Case, as saved), action (CaseAction), actor (audit.actors.Actor:
a User, a Respondent or SYSTEM), note (str, the audit note).
"""

from django.dispatch import Signal

case_event = Signal()

# `case_events`: sent by cases_transition_many, once for one action carried out on many cases in one
# transaction (the routing of a chunk of cases). Receivers write their rows for all the cases at once, in a
# fixed number of statements, and otherwise do what they do for `case_event`.
# Arguments: cases (list of Case, as saved), action (CaseAction), actor (audit.actors.Actor), notes
# (list of str, the audit note of each case, in the order of `cases`).
case_events = Signal()
