"""The project's translation catalogues (locale/): compiled in pure Python, and the gaps they fill.

Wagtail's zh_Hans catalogues leave part of the admin in English; ours, in LOCALE_PATHS, is read
after every app's and so fills those strings (and would override any, which we avoid). The .mo
files are built from the .po files at install (`make`, `manage.py compile_catalogues`) with polib,
so no GNU gettext is needed and the two never drift: a .mo is not kept in git.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core import checks

DOMAINS = ("django", "djangojs")
LANGUAGE = "zh_Hans"

MessageKey = tuple[str | None, str]  # (msgctxt, msgid), as gettext keys a message


def project_catalogues() -> list[Path]:
    """Every .po file under LOCALE_PATHS."""
    return sorted(po for folder in settings.LOCALE_PATHS for po in Path(folder).glob("*/LC_MESSAGES/*.po"))


def compiled(po: Path) -> bytes:
    """The .mo for a .po, as msgfmt makes it: translated entries only (no fuzzy, no obsolete)."""
    return polib.pofile(str(po)).to_binary()


def compile_catalogues() -> list[Path]:
    """Write each project .po's .mo where it differs; returns the .mo files written."""
    written = []
    for po in project_catalogues():
        mo = po.with_suffix(".mo")
        binary = compiled(po)
        if not mo.exists() or mo.read_bytes() != binary:
            mo.write_bytes(binary)
            written.append(mo)
    return written


def stale_catalogues() -> list[Path]:
    """The .mo files missing, or not compiled from their .po as it is now."""
    return [
        po.with_suffix(".mo")
        for po in project_catalogues()
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").read_bytes() != compiled(po)
    ]


@checks.register(checks.Tags.translation, deploy=True)
def catalogues_are_compiled(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """Without its .mo, the admin silently falls back to English: refuse to deploy like that."""
    stale = stale_catalogues()
    if not stale:
        return []
    names = ", ".join(str(mo) for mo in stale)
    return [
        checks.Error(
            f"翻译目录未编译或已过期:{names}。",
            hint="在部署时运行 `manage.py compile_catalogues`(make 会自动运行)。",
            id="newsroom.E010",
        )
    ]


@dataclass(frozen=True)
class Gap:
    """An admin string an installed app ships in English only, for our catalogue to translate."""

    domain: str
    app: str
    entry: polib.POEntry


def _app_catalogue(app_path: str, language: str, domain: str) -> Path:
    return Path(app_path) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"


def _translated(entries: Iterable[polib.POEntry]) -> set[MessageKey]:
    return {(entry.msgctxt, entry.msgid) for entry in entries if entry.translated() and not entry.obsolete}


def translation_gaps(*, app_labels: Iterable[str] | None = None) -> list[Gap]:
    """Strings of the installed apps' English catalogues (their full list of msgids) that no app's
    zh_Hans catalogue translates. Django merges every app's catalogue, so a string one app
    translates is no gap in another."""
    wanted = set(app_labels) if app_labels is not None else None
    configs = [config for config in apps.get_app_configs() if wanted is None or config.label in wanted]
    gaps = []
    for domain in DOMAINS:
        translated: set[MessageKey] = set()
        for config in apps.get_app_configs():
            zh = _app_catalogue(config.path, LANGUAGE, domain)
            if zh.exists():
                translated |= _translated(polib.pofile(str(zh)))
        seen: set[MessageKey] = set()
        for config in configs:
            english = _app_catalogue(config.path, "en", domain)
            if not english.exists():
                continue
            for entry in polib.pofile(str(english)):
                key = (entry.msgctxt, entry.msgid)
                if entry.obsolete or not entry.msgid or key in translated or key in seen:
                    continue
                seen.add(key)
                gaps.append(Gap(domain, config.label, entry))
    return gaps
