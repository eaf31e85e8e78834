from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django_fsm import TransitionNotAllowed


@contextmanager
def readable_transition(message: str) -> Iterator[None]:
    """Turn a refused state-machine move into an error a person can read (form error, 400)."""
    try:
        yield
    except TransitionNotAllowed as exc:
        raise ValidationError(message, code="transition_not_allowed") from exc
