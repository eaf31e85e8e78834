"""Builders for the tests of platform decisions."""

from platforms.statements import StatementParts

FACTS = "A test purchase showed goods bearing the registered mark that the rightsholder never made."


def statement_of(facts: str = FACTS, **parts: str | bool) -> StatementParts:
    """A statement of reasons with these facts; each standard part not given takes the platform's template."""
    given: dict = {"measure_scope": "", "legal_ground": "", "automated_means": False, "redress": ""}
    return StatementParts(facts=facts, **{**given, **parts})
