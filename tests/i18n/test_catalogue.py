"""The Simplified Chinese catalogue is complete: no msgid untranslated, none fuzzy, placeholders kept."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

# The project's catalogue and any app's own (not those of installed packages under .venv).
CATALOGUES = sorted(
    [Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.po")]
    + list(Path(settings.BASE_DIR).glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\{ ?\w+ ?\}\}")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False


def _unquote(text: str) -> str:
    return bytes(text.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse_po(path: Path) -> list[Entry]:
    """Enough of the PO format for what makemessages writes: flags, msgid(_plural), msgstr([n]), continuations."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] = ("", 0)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        if line.startswith("#~"):
            if entry is None:
                entry = Entry(line=number)
                entries.append(entry)
            entry.obsolete = True
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            target = ("msgid_plural", 0)
            entry.msgid_plural = _unquote(line[len("msgid_plural ") :])
        elif line.startswith("msgid "):
            target = ("msgid", 0)
            entry.msgid = _unquote(line[len("msgid ") :])
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            target = ("msgstr", index)
            entry.msgstr[index] = _unquote(line[line.index("]") + 1 :])
        elif line.startswith("msgstr "):
            target = ("msgstr", 0)
            entry.msgstr[0] = _unquote(line[len("msgstr ") :])
        elif line.startswith('"'):
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, name, getattr(entry, name) + _unquote(line))
    return [e for e in entries if not e.obsolete and (e.msgid or e.msgstr)]


def test_there_is_a_simplified_chinese_catalogue() -> None:
    assert Path(settings.BASE_DIR, "locale", "zh_Hans", "LC_MESSAGES", "django.po") in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_msgid_is_translated_and_none_is_fuzzy(path: Path) -> None:
    entries = parse_po(path)

    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    untranslated = [f"line {e.line}: {e.msgid!r}" for e in entries if e.msgid and not all(e.msgstr.values())]
    assert not fuzzy, "fuzzy entries (translate them and drop the flag):\n" + "\n".join(fuzzy)
    assert not untranslated, "untranslated msgids:\n" + "\n".join(untranslated)
    assert len(entries) > 1


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_translations_keep_every_placeholder(path: Path) -> None:
    wrong = []
    for e in parse_po(path):
        if not e.msgid:
            continue
        expected = set(PLACEHOLDER.findall(e.msgid)) | set(PLACEHOLDER.findall(e.msgid_plural))
        for msgstr in e.msgstr.values():
            if set(PLACEHOLDER.findall(msgstr)) != expected:
                wrong.append(f"line {e.line}: {e.msgid!r} -> {msgstr!r}")

    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_catalogue_declares_chinese_plural_forms() -> None:
    header = next(
        e for e in parse_po(Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.po")) if not e.msgid
    )

    assert "nplurals=1; plural=0;" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
