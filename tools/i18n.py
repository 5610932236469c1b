"""Translation catalogue tooling for developers (not shipped with the app). See docs/translating.md.

    python tools/i18n.py all         # extract + update + compile + check: the usual pass
    python tools/i18n.py extract     # source -> resources/translations/pierglass.pot
    python tools/i18n.py update      # .pot -> every <lang>/LC_MESSAGES/pierglass.po
    python tools/i18n.py compile     # .po -> .mo (committed: the installed app needs no build)
    python tools/i18n.py check       # exit 1 listing what is missing, untranslated, fuzzy…
    python tools/i18n.py init sv     # start a new language's catalogue

Files are rewritten only when their content changes (dates and the Babel version in the header
do not count), so running a pass on an unchanged tree leaves git clean.
"""

from __future__ import annotations

import argparse
import gettext
import io
import re
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "pierglass_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
DOMAIN = "pierglass"
SOURCE_LANGUAGE = "en"  # msgids are English; its catalogue exists but stays empty
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("Translators:",)
# Header lines that change on every run or with the Babel version, not with the messages.
VOLATILE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:')
PO_OPTIONS = {"width": 100, "include_lineno": False}


@dataclass(frozen=True)
class Problem:
    kind: str  # missing, untranslated, fuzzy, placeholders, stale-mo, stale-pot, no-catalogue
    language: str
    msgid: str
    detail: str = ""

    def __str__(self) -> str:
        where = f"[{self.language}] " if self.language else ""
        text = f"{where}{self.kind}: {self.msgid!r}"
        return f"{text} — {self.detail}" if self.detail else text


# --- paths -----------------------------------------------------------------------------------


def template_path(translations: Path = TRANSLATIONS) -> Path:
    return translations / f"{DOMAIN}.pot"


def po_path(language: str, translations: Path = TRANSLATIONS) -> Path:
    return translations / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, translations: Path = TRANSLATIONS) -> Path:
    return po_path(language, translations).with_suffix(".mo")


def languages(translations: Path = TRANSLATIONS) -> list[str]:
    """Every language that has a catalogue, the source language included."""
    return sorted(p.parents[1].name for p in translations.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


# --- extract ---------------------------------------------------------------------------------


def new_catalog(locale: str | None = None, package: Path = PACKAGE) -> Catalog:
    version = re.search(r'__version__ = "([^"]+)"', (package / "__init__.py").read_text("utf-8"))
    catalog = Catalog(
        locale=locale,
        project="Pier-glass Desktop",
        version=version.group(1) if version else "",
        copyright_holder="the Pier-glass Desktop authors",
        msgid_bugs_address="the project's issue tracker",
        language_team="Pier-glass Desktop translators",
        last_translator="Pier-glass Desktop translators",
        charset="utf-8",
        fuzzy=False,
    )
    catalog.header_comment = (
        "# Pier-glass Desktop user interface"
        + (f", {locale} translation" if locale else " (template)")
        + ".\n# Written by tools/i18n.py; see docs/translating.md."
    )
    return catalog


def extract_catalog(package: Path = PACKAGE) -> Catalog:
    """Every message marked with _, N_ or ngettext in the package's Python files."""
    catalog = new_catalog(package=package)
    found = extract_from_dir(
        package,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=lambda path: "__pycache__" not in path,
    )
    for filename, lineno, message, comments, context in found:
        location = (f"{package.name}/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def extract(package: Path = PACKAGE, translations: Path = TRANSLATIONS) -> bool:
    """Write the template; True when its messages changed."""
    translations.mkdir(parents=True, exist_ok=True)
    return _write_po_if_changed(template_path(translations), extract_catalog(package))


# --- update ----------------------------------------------------------------------------------


def update(translations: Path = TRANSLATIONS) -> list[str]:
    """Merge the template into every catalogue, keeping translations; the languages changed."""
    template = _read(template_path(translations))
    changed = []
    for language in languages(translations):
        catalog = _read(po_path(language, translations), locale=language)
        _revive_obsolete(catalog)
        catalog.update(template)
        if _write_po_if_changed(po_path(language, translations), catalog):
            changed.append(language)
    return changed


def _revive_obsolete(catalog: Catalog) -> None:
    """Give translations of strings that went away and came back (a branch merge) a second life.

    Babel's update only matches live entries; put obsolete ones back so an exact match reuses
    them, and whatever the template lacks becomes obsolete again.
    """
    for key, message in list(catalog.obsolete.items()):
        if message.id not in catalog:
            catalog[message.id] = message
        del catalog.obsolete[key]


def init(language: str, translations: Path = TRANSLATIONS) -> Path:
    """Start the catalogue of a new language from the template."""
    path = po_path(language, translations)
    if path.exists():
        raise SystemExit(f"{path} exists already; use `update`.")
    template = _read(template_path(translations))
    catalog = new_catalog(locale=language)
    catalog.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_po_if_changed(path, catalog)
    return path


# --- compile ---------------------------------------------------------------------------------


def mo_bytes(po: Path) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, _read(po), use_fuzzy=False)
    return buffer.getvalue()


def compile_catalogues(translations: Path = TRANSLATIONS) -> list[str]:
    """Write every .mo whose translations differ from its .po; the languages written."""
    written = []
    for language in languages(translations):
        if _mo_problem(language, translations) is None:
            continue
        mo_path(language, translations).write_bytes(mo_bytes(po_path(language, translations)))
        written.append(language)
    return written


# --- check -----------------------------------------------------------------------------------


def check(
    package: Path = PACKAGE,
    translations: Path = TRANSLATIONS,
    check_languages: Iterable[str] | None = None,
) -> list[Problem]:
    """Everything that keeps the catalogues from matching the source, for the given languages.

    By default every language but the source language must be complete; every catalogue's .mo
    must match its .po, and the template must match the source.
    """
    source = extract_catalog(package)
    problems = list(_pot_problems(source, translations))
    present = languages(translations)
    if SOURCE_LANGUAGE not in present:
        problems.append(Problem("no-catalogue", SOURCE_LANGUAGE, str(po_path(SOURCE_LANGUAGE))))
    wanted = check_languages or [code for code in present if code != SOURCE_LANGUAGE]
    for language in wanted:
        if language not in present:
            problems.append(Problem("no-catalogue", language, str(po_path(language))))
            continue
        problems.extend(_catalogue_problems(source, language, translations))
    for language in present:
        mo = _mo_problem(language, translations)
        if mo is not None:
            problems.append(mo)
    return problems


def placeholder_names(text: str) -> set[str]:
    """The {names} a str.format text uses; raises ValueError for a malformed one."""
    fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    # "{row.id}" and "{items[0]}" need the argument "row" / "items".
    return {re.split(r"[.\[]", name)[0] for name in fields}


def _catalogue_problems(source: Catalog, language: str, translations: Path) -> list[Problem]:
    catalog = _read(po_path(language, translations), locale=language)
    problems = []
    for message in source:
        if not message.id:
            continue
        singular = _singular(message.id)
        translated = catalog.get(message.id, context=message.context)
        if translated is None:
            problems.append(Problem("missing", language, singular, "run `update`"))
        elif not _is_translated(translated.string):
            problems.append(Problem("untranslated", language, singular))
        elif translated.fuzzy:
            problems.append(Problem("fuzzy", language, singular, "review, then remove the flag"))
        else:
            problems.extend(_placeholder_problems(language, message.id, translated.string))
    return problems


def _placeholder_problems(language: str, msgid, msgstr) -> list[Problem]:
    """Each translation uses exactly the {names} of its source, all of them named."""
    sources = [msgid] if isinstance(msgid, str) else list(msgid)
    targets = [msgstr] if isinstance(msgstr, str) else list(msgstr)
    problems = []
    for index, target in enumerate(targets):
        source = sources[min(index, len(sources) - 1)]
        try:
            wanted, got = placeholder_names(source), placeholder_names(target)
        except ValueError as error:
            problems.append(Problem("placeholders", language, sources[0], f"malformed: {error}"))
            continue
        if any(not name.isidentifier() for name in wanted):
            problems.append(Problem("placeholders", language, sources[0], "use {named} fields"))
        elif wanted != got:
            detail = f"source has {sorted(wanted)}, translation has {sorted(got)}"
            problems.append(Problem("placeholders", language, sources[0], detail))
    return problems


def _pot_problems(source: Catalog, translations: Path) -> list[Problem]:
    path = template_path(translations)
    if not path.exists():
        return [Problem("stale-pot", "", str(path), "run `extract`")]
    if _signature(_read(path)) != _signature(source):
        return [Problem("stale-pot", "", str(path), "the source has changed: run `extract`")]
    return []


def _mo_problem(language: str, translations: Path) -> Problem | None:
    """Compare what gettext would load, not bytes or mtimes: git keeps neither stable."""
    mo = mo_path(language, translations)
    if not mo.exists():
        return Problem("stale-mo", language, str(mo), "missing: run `compile`")
    expected = gettext.GNUTranslations(io.BytesIO(mo_bytes(po_path(language, translations))))
    with mo.open("rb") as handle:
        actual = gettext.GNUTranslations(handle)
    if _messages(actual) != _messages(expected):
        return Problem("stale-mo", language, str(mo), "differs from the .po: run `compile`")
    return None


def _messages(translations: gettext.GNUTranslations) -> dict:
    # The "" entry is the header, whose dates and generator change without meaning anything.
    return {key: value for key, value in translations._catalog.items() if key != ""}


def _signature(catalog: Catalog) -> list:
    return [
        (m.id, m.context, sorted({f for f, _ in m.locations}), m.auto_comments)
        for m in catalog
        if m.id
    ]


def _is_translated(text) -> bool:
    if isinstance(text, (list, tuple)):
        return bool(text) and all(text)
    return bool(text)


def _singular(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


# --- files -----------------------------------------------------------------------------------


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _write_po_if_changed(path: Path, catalog: Catalog) -> bool:
    buffer = io.BytesIO()
    write_po(buffer, catalog, include_previous=True, **PO_OPTIONS)
    new = buffer.getvalue()
    if path.exists() and _stable(path.read_bytes()) == _stable(new):
        return False
    path.write_bytes(new)
    return True


def _stable(content: bytes) -> bytes:
    lines = content.splitlines()
    return b"\n".join(line for line in lines if not line.startswith(VOLATILE_HEADERS))


# --- command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("extract", "update", "compile", "all"):
        commands.add_parser(name)
    check_parser = commands.add_parser("check")
    check_parser.add_argument("--language", action="append", help="only these (default: all)")
    init_parser = commands.add_parser("init")
    init_parser.add_argument("language", help="a gettext language code, e.g. sv")
    args = parser.parse_args(argv)

    if args.command == "init":
        print(f"created {init(args.language)}")
        return 0
    if args.command in ("extract", "all"):
        print("template " + ("updated" if extract() else "unchanged"))
    if args.command in ("update", "all"):
        print("updated: " + (", ".join(update()) or "nothing"))
    if args.command in ("compile", "all"):
        print("compiled: " + (", ".join(compile_catalogues()) or "nothing"))
    if args.command in ("check", "all"):
        return _report(check(check_languages=getattr(args, "language", None)))
    return 0


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s).", file=sys.stderr)
        return 1
    print("catalogues complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
