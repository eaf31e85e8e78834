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
    """The ids of every case whose numbers, listings, store, right or complainant match `text`.

    A number is looked up as a number: a case, a complaint, or a listing, store or registration number
    equal to it (a listing id "1" must not find every listing whose id contains a 1). Other text is
    looked up as a part of a listing's URL or id, a store's id or name, a registration number or the
    complainant's name.
    """
    text = text.strip()
    is_number = text.isdigit() and len(text) <= MAX_NUMBER_DIGITS
    like = "iexact" if is_number else "icontains"

    def having(*fields: str) -> Q:
        found = Q()
        for field in fields:
            found |= Q(**{f"{field}__{like}": text})
        return found

    stores = Store.objects.filter(having("name", "external_id")).values("pk")
    rights = IPRight.objects.filter(having("registration_number")).values("pk")
    complainants = Organisation.objects.filter(having("name")).values("pk")
    clues = [
        Listing.objects.filter(having("url", "listing_ref"), case__isnull=False).order_by().values("case_id"),
        Case.objects.filter(store__in=stores).order_by().values("pk"),
        # Two clues, not one OR: each then reaches its complaints through its own foreign-key index.
        Case.objects.filter(complaint__in=Complaint.objects.filter(right__in=rights).values("pk"))
        .order_by()
        .values("pk"),
        Case.objects.filter(
            complaint__in=Complaint.objects.filter(filed_by_org__in=complainants).values("pk")
        )
        .order_by()
        .values("pk"),
    ]
    if is_number:
        number = int(text)
        clues.append(Case.objects.filter(Q(pk=number) | Q(complaint_id=number)).order_by().values("pk"))
    first, *others = clues
    return first.union(*others)


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """`cases` narrowed to those matching `text` (see case_ids_matching); the caller's order is kept."""
    return cases.filter(pk__in=case_ids_matching(text))
