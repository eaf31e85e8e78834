from celery import shared_task

from programmes.bad_faith import filer_records_count
from programmes.good_faith import good_faith_evaluate
from programmes.selectors import platform_ids_with_programme


@shared_task
def evaluate_good_faith() -> dict[int, tuple[int, int]]:
    """Every platform's entries and exits: {platform id: (joined, left)}."""
    return {
        platform_id: good_faith_evaluate(platform_id=platform_id)
        for platform_id in platform_ids_with_programme()
    }


@shared_task
def count_filer_records() -> int:
    return filer_records_count()
