"""Who can act in the audit trail: a signed-in user, the respondent its signed link identifies, or the system.

There is deliberately no fourth form: text from a request (a name typed on a page) can never become who
acted. It travels as `Respondent.name_given`, recorded in a field of its own.
"""

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User
    from platforms.models import Store


class System(Enum):
    """The application acting on its own: routing, the deadline job, the sweeps."""

    SYSTEM = "system"


SYSTEM = System.SYSTEM


@dataclass(frozen=True)
class Respondent:
    """The respondent of a case, acting through the signed link that names the case and its store.

    Build it from the store of the case the verified link names, never from input: the store is who acted.
    `name_given` is what the person typed as their name, kept beside the entry and labelled as such.
    """

    store: "Store"
    name_given: str = ""


type Actor = User | Respondent | System
