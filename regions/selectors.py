"""Reads of the region tree."""

from collections.abc import Iterable

from regions.models import Region


def regions_within(region_ids: Iterable[int]) -> set[int]:
    """The regions and every division below them: one query per level of the tree."""
    found = set(region_ids)
    level = set(found)
    while level:
        level = set(Region.objects.filter(parent_id__in=level).values_list("pk", flat=True)) - found
        found |= level
    return found
