"""Platform-side writes. Modules: decisions (listings, bulk, information requests), counter_notice (notice,
counter-notice, window, restoration, withdrawal), penalties, bad_faith."""

from platforms.services.decisions import (
    DECIDABLE,
    LISTING_STATUS_AFTER,
    cases_decide_bulk,
    information_request,
    information_supply,
    listing_decide,
    reason_choices_for,
)

__all__ = [
    "DECIDABLE",
    "LISTING_STATUS_AFTER",
    "cases_decide_bulk",
    "information_request",
    "information_supply",
    "listing_decide",
    "reason_choices_for",
]
