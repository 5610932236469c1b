"""The Finnish catalogue covers every string in the source, and the tooling keeps it that way."""

from __future__ import annotations

import gettext

from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

HINT = "\nRun `python tools/i18n.py all`, translate what it lists, and run it again."


def test_every_string_in_the_source_has_a_finnish_translation_and_a_compiled_catalogue(tool):
    # Extracts from the source now, so a string added anywhere without a translation fails here;
    # it also fails when a .mo no longer matches its .po or the template is out of date.
    problems = tool.check(check_languages=["fi"])
    assert not problems, "\n".join(map(str, problems)) + HINT


def test_english_catalogue_exists_and_loads(tool):
    assert "en" in tool.languages()
    with tool.mo_path("en").open("rb") as handle:
        english = gettext.GNUTranslations(handle)
    assert english.gettext("Integrity: ok") == "Integrity: ok"


def test_every_finnish_translation_keeps_the_placeholders_of_its_source(tool):
    with tool.po_path("fi").open("rb") as handle:
        catalog = read_po(handle)
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for source, translated in zip(ids, strings, strict=False):
            assert tool.placeholder_names(translated) == tool.placeholder_names(source), source
            checked += bool(tool.placeholder_names(source))
    assert checked >= 10  # the catalogue really has placeholders to check


def test_a_new_string_is_reported_until_it_is_translated_and_compiled(tool, sandbox, translate):
    package, translations = sandbox
    (package / "groups.py").write_text(
        "from pierglass_desktop.i18n import _\n"
        "def title(name):\n"
        "    return _('Group {name} was archived.').format(name=name)\n",
        encoding="utf-8",
    )
    source = "Group {name} was archived."

    def kinds():
        found = tool.check(package, translations, check_languages=["fi"])
        return {(p.kind, p.msgid) for p in found if p.msgid == source or p.kind.startswith("st")}

    assert ("missing", source) in kinds()
    tool.extract(package, translations)
    assert tool.update(translations) == ["en", "fi"]
    assert kinds() == {("untranslated", source)}

    translate(translations, source, "Ryhmä {nimi} arkistoitiin.")
    assert ("placeholders", source) in kinds()
    translate(translations, source, "Ryhmä {name} arkistoitiin.")
    assert {kind for kind, _ in kinds()} == {"stale-mo"}
    assert tool.compile_catalogues(translations) == ["fi"]
    assert kinds() == set()

    with tool.mo_path("fi", translations).open("rb") as handle:
        finnish = gettext.GNUTranslations(handle)
    assert finnish.gettext(source).format(name="Pori") == "Ryhmä Pori arkistoitiin."


def test_a_fuzzy_translation_is_not_complete(tool, sandbox):
    package, translations = sandbox
    (package / "a.py").write_text("_('Participants!')\n", encoding="utf-8")
    tool.extract(package, translations)
    tool.update(translations)  # close to an existing sentence: Babel guesses, flagged fuzzy
    problems = tool.check(package, translations, check_languages=["fi"])
    assert [p.kind for p in problems if p.msgid.endswith("!")] == ["fuzzy"]


def test_checker_rejects_positional_and_malformed_placeholders(tool):
    assert [p.kind for p in tool._placeholder_problems("fi", "Row {}", "Rivi {}")] == [
        "placeholders"
    ]
    assert tool._placeholder_problems("fi", "At {path}", "Polussa {path")[0].detail.startswith(
        "malformed"
    )
    plural = ("{count} problem", "{count} problems")
    assert tool._placeholder_problems("fi", plural, ("{count} ongelma", "{count} ongelmaa")) == []
    assert tool._placeholder_problems("fi", plural, ("yksi ongelma", "{count} ongelmaa"))


def test_running_the_whole_pass_twice_changes_no_file(tool, sandbox):
    package, translations = sandbox
    (package / "a.py").write_text("_('Groups')\n", encoding="utf-8")
    tool.extract(package, translations)
    tool.update(translations)
    tool.compile_catalogues(translations)
    before = {p: p.read_bytes() for p in translations.rglob("*") if p.is_file()}
    assert tool.extract(package, translations) is False
    assert tool.update(translations) == []
    assert tool.compile_catalogues(translations) == []
    assert {p: p.read_bytes() for p in translations.rglob("*") if p.is_file()} == before


NAMES = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
WORDS = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)


@given(names=st.lists(NAMES, max_size=4), words=st.lists(WORDS, min_size=1, max_size=4))
def test_placeholder_names_finds_every_named_field(tool, names, words):
    text = " ".join(f"{w} {{{n}}}" for w, n in zip(words, names, strict=False)) + " {{literal}}"
    assert tool.placeholder_names(text) == set(names[: len(words)])


@settings(max_examples=20, deadline=None)
@given(
    keep=st.lists(WORDS, min_size=1, max_size=5, unique=True),
    drop=st.lists(WORDS, max_size=3, unique=True),
)
def test_update_never_loses_a_translation_even_across_a_removal_and_return(
    tool, translate, keep, drop, tmp_path_factory
):
    # A branch without some strings is merged, then the strings come back: their translations
    # must come back with them, never fuzzy, never lost.
    drop = [w for w in drop if w not in keep]
    package = tmp_path_factory.mktemp("pkg") / "pierglass_desktop"
    package.mkdir()
    (package / "__init__.py").write_text('__version__ = "1"\n', encoding="utf-8")
    translations = package.parent / "translations"
    translations.mkdir()

    def source(words):
        lines = [f"_('Sentence {w}.')" for w in words]
        (package / "strings.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
        tool.extract(package, translations)
        if not tool.po_path("fi", translations).exists():
            tool.init("fi", translations)
        tool.update(translations)

    source(keep + drop)
    for word in keep + drop:
        translate(translations, f"Sentence {word}.", f"Lause {word.lower()}.")
    source(keep)
    source(keep + drop)
    with tool.po_path("fi", translations).open("rb") as handle:
        catalog = read_po(handle)
    for word in keep + drop:
        message = catalog.get(f"Sentence {word}.")
        assert message.string == f"Lause {word.lower()}." and not message.fuzzy
