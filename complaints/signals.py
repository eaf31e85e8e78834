"""`complaint_submitted(complaint_id=...)`: sent after the submission commits; cases reacts by routing it."""

from django.dispatch import Signal

complaint_submitted = Signal()
