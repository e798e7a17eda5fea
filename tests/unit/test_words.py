"""The gettext catalogues: complete in both languages, every key used and every key used present, real plurals."""
from __future__ import annotations

import ast
import gettext
import os
import re
import shlex
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from resonance import i18n
from resonance.i18n import LANGUAGES, MissingKey, t, using
from resonance.i18n.dynamic import DYNAMIC_KEYS

NNBSP = "\u202f"
ROOT = Path(__file__).resolve().parents[2]
CODE = [*ROOT.glob("pages/*.py"), *ROOT.glob("resonance/**/*.py"), ROOT / "app.py", *ROOT.glob("connectors/**/*.py")]
KEY = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
# English words that are the French ones: proper names, units, formats and true cognates, each checked by eye.
SAME_IN_ENGLISH = {
    "connectors.kind.brevo", "connectors.kind.mailchimp", "connectors.kind.matomo", "import.page.kind.csv",
    "import.role.url", "compare.points", "trust.cli.row", "campaign.budget_eur", "deck.define.engagement_rate",
    "annex.press_rows", "deck.press.articles", "annex.sheet.sources", "connectors.col.name", "connectors.page.pick",
    "deck.method.source", "import.history.source", "compare.notes.date", "import.role.date", "relationship.met_on",
    "review.press.date", "deck.channel.email", "partners.channel.email", "deck.channel.radio", "partners.channel.radio",
    "partners.channel.web", "deck.noun.impressions", "deck.partnership.activations", "partners.activations",
    "deck.step.1", "deck.step.3", "partners.step.1", "partners.step.3", "export.sections", "import.role.audience",
    "review.press.audience", "import.role.conversions", "metric.conversions", "import.role.engagements",
    "metric.engagements", "import.role.impressions", "metric.impressions", "nav.section.admin",
    "partners.kind.association", "partners.contact", "partners.notes", "trust.admin.col.action",
    "security.admin.col.secret", "figure.coverage.volume.conversions", "figure.coverage.volume.impressions",
    "source_form.brevo.url_example", "source_form.mailchimp.url_example", "reader.feed.date", "reader.feed.url",
}
HAND_MADE_PLURAL = re.compile(r"\w\((?:s|x|e|es|nt)\)|\(s\)")


def catalogue(lang: str, domain: str):
    with i18n.catalogue_path(lang, domain).open("rb") as handle:
        return read_po(handle, locale=lang, domain=domain)


@pytest.fixture(scope="module")
def entries() -> dict[str, dict[str, object]]:
    """lang → key → msgstr (a tuple of forms for a plural entry), read from the .po files translators edit."""
    found: dict[str, dict[str, object]] = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for domain in i18n.DOMAINS:
            for message in catalogue(lang, domain):
                if not message.id:
                    continue
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                assert key not in found[lang], f"{key} is in two catalogues"
                found[lang][key] = message.string
    return found


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def code_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in CODE)


def test_both_languages_have_the_same_keys_with_text_and_the_same_placeholders(entries):
    assert entries["fr"].keys() == entries["en"].keys()
    assert len(entries["fr"]) > 1000
    for key, french in entries["fr"].items():
        english = entries["en"][key]
        assert type(french) is type(english), key
        for fr, en in zip(*((f,) if isinstance(f, str) else f for f in (french, english)), strict=True):
            assert fr.strip() and en.strip(), key
        french_forms = (french,) if isinstance(french, str) else french
        english_forms = (english,) if isinstance(english, str) else english
        # a singular may leave the count out ("laisser la ligne refusée"); the plural says every value
        assert fields(french_forms[-1]) == fields(english_forms[-1]), key
        assert all(fields(form) <= fields(french_forms[-1]) for form in (*french_forms, *english_forms)), key


def test_every_key_written_in_the_code_exists_in_both_languages(entries):
    text = code_text()
    literal = set(re.findall(rf"""\bt\(\s*["']({KEY})["']""", text))
    in_dicts = {k for body in re.findall(r"[A-Z_]+_KEYS\s*=\s*\{(.*?)\}", text, re.S)
                for k in re.findall(rf""":\s*["']({KEY})["']""", body)}
    dynamic = {key for family in DYNAMIC_KEYS.values() for key in family.values()}
    assert len(literal) > 600 and {"access.role.admin", "relationship.kind.review"} <= in_dicts
    for lang in LANGUAGES:
        missing = sorted(k for k in literal | in_dicts | dynamic if k not in entries[lang])
        assert not missing, (lang, missing)


def test_every_key_built_from_a_code_is_listed_with_all_its_codes(entries):
    """t(f"metric.{code}") escapes a static scan unless its template is listed in i18n/dynamic.py."""
    built = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                template = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
                if re.fullmatch(r"[a-z][a-z_]*\.[a-z0-9_.]*\{\}[a-z0-9_.{}]*", template):
                    built.add(template)
    assert {"metric.{}", "compare.ratio.{}", "trust.admin.filter.{}"} <= built
    unlisted = sorted(template for template in built if template not in DYNAMIC_KEYS)
    assert not unlisted, f"add these key templates to resonance/i18n/dynamic.py: {unlisted}"
    for template, family in DYNAMIC_KEYS.items():
        for code, key in family.items():
            assert key == template.replace("{}", code, 1) or template.count("{}") > 1, (template, code)


def test_no_catalogue_entry_is_left_unused(entries):
    """A key nobody calls is a translation kept for nothing; keys built from codes count through dynamic.py."""
    quoted = set(re.findall(rf"""["']({KEY})["']""", code_text()))
    dynamic = {key for family in DYNAMIC_KEYS.values() for key in family.values()}
    unused = sorted(k for k in entries["fr"] if k not in quoted and k not in dynamic)
    assert not unused, unused


def test_no_french_left_untranslated_in_english(entries):
    same = {k for k, fr in entries["fr"].items() if fr == entries["en"][k]}
    assert sorted(same - SAME_IN_ENGLISH) == []
    assert sorted(SAME_IN_ENGLISH - same) == [], "translated since: drop from the allow-list"


def test_the_english_catalogue_shows_translators_the_french_source():
    for domain in i18n.DOMAINS:
        french = {m.id: m.string for m in catalogue("fr", domain) if m.id}
        for message in catalogue("en", domain):
            if message.id:
                source = " ".join(message.auto_comments)
                expected = french[message.id]
                expected = " | ".join(expected) if isinstance(expected, tuple) else expected
                assert source.startswith("fr: ") and " ".join(source[4:].split()) == " ".join(expected.split()), message.id


def test_plurals_have_both_forms_and_no_hand_made_plural_is_left(entries):
    plurals = [k for k, v in entries["fr"].items() if isinstance(v, tuple)]
    assert len(plurals) >= 20
    for lang in LANGUAGES:
        for key, text in entries[lang].items():
            forms = (text,) if isinstance(text, str) else text
            assert all(not HAND_MADE_PLURAL.search(form) for form in forms), (lang, key, forms)
            if isinstance(text, tuple):
                assert len(text) == 2 and all(f.strip() for f in text), (lang, key)
    assert entries["fr"]["import.page.rows_read"] == ("{count} ligne lue", "{count} lignes lues")


@pytest.mark.parametrize(("lang", "count", "expected"), [
    ("fr", 0, "0 ligne lue"), ("fr", 1, "1 ligne lue"), ("fr", 2, "2 lignes lues"),
    ("fr", 12345, "12\u202f345 lignes lues"),
    ("en", 0, "0 rows read"), ("en", 1, "1 row read"), ("en", 2, "2 rows read"), ("en", 12345, "12,345 rows read"),
])
def test_count_picks_the_form_by_the_language_rule(lang, count, expected):
    assert t("import.page.rows_read", lang, count=count) == expected


def test_english_is_available_and_french_is_the_default():
    assert t("nav.campaign_review") == "Bilan de campagne"
    with using("en"):
        assert t("nav.campaign_review") == "Campaign review"
        assert t("relationship.kind.committee") == "Committee"
    assert t("cli.report.unknown", name="X", known="Y").startswith("Aucune campagne nommée «\u202fX\u202f»")
    assert t("import.info.rate_converted", rate="a", base="b", count="c")   # count is a plain value on a singular key


def test_a_missing_key_or_a_plural_without_its_count_raises():
    with pytest.raises(MissingKey):
        t("nav.no_such_key")
    with pytest.raises(MissingKey):
        t("import.page.rows_read")
    assert "nav.campaign_review" in i18n.TABLE and "nav.no_such_key" not in i18n.TABLE
    assert i18n.TABLE["nav.campaign_review"] == ("Bilan de campagne", "Campaign review")


def test_a_catalogue_is_compiled_when_its_mo_is_missing_or_older(tmp_path, monkeypatch):
    po = tmp_path / "fr" / "LC_MESSAGES" / "core.po"
    po.parent.mkdir(parents=True)
    shutil.copy(i18n.catalogue_path("fr", "core"), po)
    mo = i18n._compiled(po)
    assert mo == po.with_suffix(".mo")
    with mo.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("nav.campaign_review") == "Bilan de campagne"
    po.write_text(po.read_text(encoding="utf-8").replace('"Bilan de campagne"', '"Bilan"'), encoding="utf-8")
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    with i18n._compiled(po).open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("nav.campaign_review") == "Bilan"


def test_a_catalogue_that_cannot_be_compiled_beside_its_po_is_compiled_in_the_temporary_folder(tmp_path):
    po = tmp_path / "en" / "LC_MESSAGES" / "deck.po"
    po.parent.mkdir(parents=True)
    shutil.copy(i18n.catalogue_path("en", "deck"), po)
    po.with_suffix(".mo").mkdir()          # the place beside the .po cannot take a file (as in a read-only install)
    mo = i18n._compiled(po)
    assert mo.parent != po.parent and mo.is_file()
    with mo.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("deck.noun.impressions") == "impressions"


def _constant(module_name: str, name: str):
    """A list of codes found by its module's last name, so the test survives the modules moving into layer folders."""
    import importlib
    import pkgutil

    import connectors
    import resonance
    for package in (resonance, connectors):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.rsplit(".", 1)[-1] == module_name:
                module = importlib.import_module(info.name)
                if hasattr(module, name):
                    value = getattr(module, name)
                    return value() if callable(value) else value      # a registry's list, e.g. sources.kinds()
    raise LookupError(f"{module_name}.{name}")


@pytest.mark.parametrize(("module_name", "name", "templates"), [
    ("metrics", "METRICS", ["metric.{}"]),
    ("metrics", "CHANNELS", ["partners.channel.{}", "deck.channel.{}"]),
    ("metrics", "PARTNER_KINDS", ["partners.kind.{}"]),
    ("metrics", "AMEC_GROUPS", ["amec.{}", "amec.{}.help"]),
    ("sources", "kinds", ["connectors.kind.{}"]),
    ("comparison", "RATIOS", ["compare.ratio.{}"]),
    ("partnership", "ROLES", ["partners.role.{}", "deck.role.{}"]),
    ("partnership", "STEPS", ["partners.step.{}", "deck.step.{}"]),
    ("deck", "SECTIONS", ["export.section.{}"]),
    ("settings", "ALL_ROLES", ["import.role.{}"]),
    ("access", "ROLES", ["access.role.{}"]),
    ("relationship", "MEETING_KINDS", ["relationship.kind.{}"]),
])
def test_every_code_of_a_list_has_its_label_in_both_languages(entries, module_name, name, templates):
    """A code added to a list without its words would reach the screen as a raw code, or raise."""
    codes = list(_constant(module_name, name))
    assert codes
    for template in templates:
        for lang in LANGUAGES:
            missing = [code for code in codes if template.replace("{}", str(code)) not in entries[lang]]
            assert not missing, (template, lang, missing)


def test_every_call_of_a_plural_key_gives_its_count():
    """A plural entry called without count= raises at run time: caught here for every literal call."""
    calls = 0
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value in i18n.plural_keys()):
                calls += 1
                named = {k.arg for k in node.keywords}
                assert "count" in named or None in named, f"{path.name}:{node.lineno} {node.args[0].value} without count="
    assert calls >= 25


# what a user types, quoted as the shell or TOML wants it: a command-line option's value, a setting's value
TYPED = re.compile(r'((--[a-z-]+|{flag}) |= |\[|, |^)"[^"]*"( (ou|or) "[^"]*")?')
SINGLE_QUOTED = re.compile(r"(?<![\w’])'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?!\w)")     # 'name', not partner's


def _forms(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_french_quotes_with_guillemets_held_by_narrow_no_break_spaces(entries):
    """« nom », as French typography wants it: never "nom" nor “nom”, never a guillemet on a breakable space."""
    wrong = [(key, text) for key, value in entries["fr"].items() for text in _forms(value)
             if re.search(r'["“”]', TYPED.sub("", text)) or re.search(f"«(?!{NNBSP})|(?<!{NNBSP})»", text)]
    assert not wrong, wrong
    with using("fr"):
        assert t("text.quoted", name="Tinder") == f"«{NNBSP}Tinder{NNBSP}»"


def test_english_quotes_with_curly_double_quotes(entries):
    """“name” in English: never French guillemets, never 'name' nor "name" (what a user types excepted)."""
    wrong = [(key, text) for key, value in entries["en"].items() for text in _forms(value)
             if re.search(r'[«»"]', TYPED.sub("", text)) or SINGLE_QUOTED.search(text)
             or text.count("“") != text.count("”")]
    assert not wrong, wrong
    with using("en"):
        assert t("text.quoted", name="Tinder") == "“Tinder”"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_command_line_hint_can_be_pasted_into_a_shell(entries, lang):
    """`--metric "En-tête=libellé:unité"`, never `--metric « … »`: a shell takes guillemets or curly quotes as part
    of the value. Only the echo of what the user typed (`--period « {value} »`) is quoted as prose."""
    hint = re.compile(r'(--[a-z-]+|\{flag\}) ([«“"])[\u202f ]?([^»”"]*?)[\u202f ]?[»”"]')
    seen, wrong = 0, []
    for key, value in entries[lang].items():
        for text in _forms(value):
            for flag, mark, inside in hint.findall(text):
                seen += 1
                if mark != '"' and inside != "{value}":
                    wrong.append((key, f"{flag} {mark}{inside}"))
                elif mark == '"':
                    example = f'{flag} "{inside}"'.replace("{flag}", "--map").replace("{first}", "Spend")
                    assert shlex.split(example)[1] == inside.replace("{first}", "Spend"), (key, example)
        # a value to type left bare ("--map En-tête=rôle"): a real header has spaces, the shell would split it
        wrong += [(key, bare) for text in _forms(value) for bare in re.findall(r"--[a-z-]+ [^\s\"«“]*=\S*", text)]
    assert not wrong, wrong
    assert seen >= 15


def test_no_quotation_mark_of_one_language_is_written_in_the_code():
    """A name is quoted by `quoted()` (the catalogue's marks), so an English screen never shows « »."""
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                  and re.search("[«»“”]", node.value)]
    assert not found, found
