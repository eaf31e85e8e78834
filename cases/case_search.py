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

    A whole URL is looked up as a listing's URL, equal to it (every listing of a marketplace shares the
    URL's start, so its trigrams would find them all before discarding them). A number is looked up as a
    number: a case, a complaint, or a listing id, store id or registration number equal to it (a listing
    id "1" must not find every listing whose id contains a 1). Other text is looked up as a part of a
    listing's URL or id, a store's id or name, a registration number or the complainant's name.
    """
    text = text.strip()
    if text.lower().startswith(("http://", "https://")):
        return (
            Listing.objects.filter(url__iexact=text, case__isnull=False)
            .order_by()
            .values_list("case_id", flat=True)
        )
    if text.isdigit() and len(text) <= MAX_NUMBER_DIGITS:
        clues = _clues(text, "iexact", listing=["listing_ref"], store=["external_id"], complainant=False)
        number = Q(pk=int(text)) | Q(complaint_id=int(text))
        clues.append(Case.objects.filter(number).order_by().values_list("pk", flat=True))
    else:
        clues = _clues(
            text, "icontains", listing=["url", "listing_ref"], store=["name", "external_id"], complainant=True
        )
    first, *others = clues
    return first.union(*others)


def _clues(
    text: str, like: str, *, listing: list[str], store: list[str], complainant: bool
) -> list[QuerySet]:
    """One query of case ids per kind of clue, each through its own index."""

    def having(fields: list[str]) -> Q:
        found = Q()
        for field in fields:
            found |= Q(**{f"{field}__{like}": text})
        return found

    stores = Store.objects.filter(having(store)).values("pk")
    rights = IPRight.objects.filter(having(["registration_number"])).values("pk")
    clues = [
        Listing.objects.filter(having(listing), case__isnull=False)
        .order_by()
        .values_list("case_id", flat=True),
        Case.objects.filter(store__in=stores).order_by().values_list("pk", flat=True),
        # One clue per way to a complaint, not one OR: each reaches its complaints through its own index.
        Case.objects.filter(complaint__in=Complaint.objects.filter(right__in=rights).values("pk"))
        .order_by()
        .values_list("pk", flat=True),
    ]
    if complainant:
        complainants = Organisation.objects.filter(name__icontains=text).values("pk")
        clues.append(
            Case.objects.filter(
                complaint__in=Complaint.objects.filter(filed_by_org__in=complainants).values("pk")
            )
            .order_by()
            .values_list("pk", flat=True)
        )
    return clues


# Up to this many matches, the ids are fetched first and the list filters on them: the planner then reads
# those cases by primary key instead of guessing how many the search finds and joining the whole scope.
FETCHED_MATCHES = 1000


def case_ids_found(text: str) -> QuerySet | list[int]:
    """The cases matching `text`, to filter a list with (`pk__in`): their ids when there are few (one
    query), otherwise the matching query itself as a subquery."""
    matching = case_ids_matching(text)
    ids = list(matching.order_by()[: FETCHED_MATCHES + 1])  # order_by(): no model ordering on a UNION
    return ids if len(ids) <= FETCHED_MATCHES else matching


def case_search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    """`cases` narrowed to those matching `text` (see case_ids_matching); the caller's order is kept."""
    return cases.filter(pk__in=case_ids_found(text))
