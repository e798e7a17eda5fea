"""`deck` and `export`: a campaign's review deck (PPTX, PDF) and its data annex (XLSX) from the command line."""
from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation

from resonance import formatting as fmt
from resonance import i18n
from resonance.i18n import quoted, t
from resonance.reports import annex
from resonance.reports import deck as review_deck
from resonance.services import review
from resonance.store import default_store


def register(subcommands) -> None:
    deck = subcommands.add_parser("deck", help=t("cli.deck.help"))
    deck.add_argument("--campaign", required=True, help=t("cli.deck.campaign"))
    deck.add_argument("-o", "--output", required=True, type=Path, help=t("cli.deck.output"))
    deck.add_argument("--pdf", action="store_true", help=t("cli.deck.pdf"))
    deck.add_argument("--lang", dest="deck_lang", choices=i18n.LANGUAGES, help=t("cli.deck.lang"))
    deck.add_argument("--sections", help=t("cli.deck.sections", sections=",".join(review_deck.SECTIONS)))
    deck.set_defaults(run=_deck)
    export = subcommands.add_parser("export", help=t("cli.export.help"))
    export.add_argument("--campaign", required=True, help=t("cli.deck.campaign"))
    export.add_argument("-o", "--output", required=True, type=Path, help=t("cli.export.output"))
    export.add_argument("--lang", dest="deck_lang", choices=i18n.LANGUAGES, help=t("cli.deck.lang"))
    export.set_defaults(run=_export)


def _campaign(store, name: str) -> int | None:
    found = review.campaign_id_by_name(store, name)
    if found is None:
        known = ", ".join(quoted(n) for n in review.campaigns(store)["name"])
        print(t("cli.deck.unknown_campaign", name=name, known=fmt.text(known)), file=sys.stderr)
    return found


def _write(path: Path, data: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        print(t("cli.deck.cannot_write", path=path, error=error.strerror or error), file=sys.stderr)
        return False
    return True


def _deck(arguments) -> int:
    lang = arguments.deck_lang or i18n.language()
    sections = None
    if arguments.sections:
        sections = [s.strip() for s in arguments.sections.split(",") if s.strip()]
        unknown = [s for s in sections if s not in review_deck.SECTIONS]
        if unknown:
            print(t("cli.deck.unknown_sections", sections=", ".join(unknown), known=", ".join(review_deck.SECTIONS)),
                  file=sys.stderr)
            return 2
    store = default_store()
    campaign = _campaign(store, arguments.campaign)
    if campaign is None:
        return 2
    data = review_deck.build(store, campaign, lang=lang, sections=sections)
    if not _write(arguments.output, data):
        return 1
    slides = len(Presentation(str(arguments.output)).slides)
    print(t("cli.deck.written", path=arguments.output, slides=slides))
    if arguments.pdf:
        try:
            pdf = review_deck.to_pdf(data)
        except review_deck.DeckError as error:
            print(str(error), file=sys.stderr)
            return 4
        target = arguments.output.with_suffix(".pdf")
        if not _write(target, pdf):
            return 1
        print(t("cli.deck.pdf_written", path=target))
    return 0


def _export(arguments) -> int:
    lang = arguments.deck_lang or i18n.language()
    store = default_store()
    campaign = _campaign(store, arguments.campaign)
    if campaign is None:
        return 2
    if not _write(arguments.output, annex.build(store, campaign, lang)):
        return 1
    print(t("cli.export.written", path=arguments.output))
    return 0
