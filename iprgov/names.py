"""Names that have a Chinese form (organisations, routing rules): shown in the reader's language."""

from django.utils.translation import get_language


def name_for_reader(name: str, name_zh: str) -> str:
    """`name_zh` on a Chinese page when it is filled in, else `name` (the name of record)."""
    language = get_language() or ""
    return name_zh if name_zh and language.startswith("zh") else name
