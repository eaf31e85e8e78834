"""Finding a case by what a person has in hand: a case or complaint number, a listing's URL or id, a store's
id or name, a right's registration number or the complainant's name.

Each kind of clue is one indexed query that yields case ids (numbers through the primary and foreign-key
btrees, text through the trigram indexes of migration cases 0004); their UNION is a single `id IN (...)`
that PostgreSQL turns into a semi-join, so the list keeps walking its own index in its own order. On SQLite
the same queries run as plain LIKE scans: slower, never wrong.
"""

from django.db.models import Q, QuerySet

from accounts.models import Organisation
from cases.models import Case
from complaints.models import Complaint, IPRight, Listing
from platforms.models import Store

# Shorter text matches too much to be useful and cannot use a trigram index.
MIN_TEXT_LENGTH = 3
# A number longer than this is no case or complaint number (ids are 64-bit), only text.
MAX_NUMBER_DIGITS = 18


def case_ids_matching(text: str) -> QuerySet:
    """The ids of every case whose numbers, listings, store, right or complainant match `text`."""
    text = text.strip()
    stores = Store.objects.filter(Q(name__icontains=text) | Q(external_id__icontains=text))
    complaints = Complaint.objects.filter(
        Q(right__in=IPRight.objects.filter(registration_number__icontains=text).values("pk"))
        | Q(filed_by_org__in=Organisation.objects.filter(name__icontains=text).values("pk"))
    )
    clues = [
        Listing.objects.filter(Q(url__icontains=text) | Q(listing_ref__icontains=text), case__isnull=False)
        .order_by()
        .values("case_id"),
        Case.objects.filter(store__in=stores.values("pk")).order_by().values("pk"),
        Case.objects.filter(complaint__in=complaints.values("pk")).order_by().values("pk"),
    ]
    if text.isdigit() and len(text) <= MAX_NUMBER_DIGITS:
        number = int(text)
        clues.append(Case.objects.filter(Q(pk=number) | Q(complaint_id=number)).order_by().values("pk"))
    first, *others = clues
    return first.union(*others)


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """`cases` narrowed to those matching `text` (see case_ids_matching); the caller's order is kept."""
    return cases.filter(pk__in=case_ids_matching(text))
