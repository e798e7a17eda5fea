"""`import`, `import-press`, `history`, `undo`: partner reports from the command line, with the page's engine."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from resonance import formatting as fmt
from resonance.domain.figures import adds_up, figure_display
from resonance.i18n import codes, language, t
from resonance.ingest import importing
from resonance.ingest.load import IngestError
from resonance.store import default_store

REFUSED = 2


def register(subcommands) -> None:
    command = subcommands.add_parser("import", help=t("cli.import.help"))
    command.add_argument("files", nargs="+", metavar="FILE", help=t("cli.import.files"))
    command.add_argument("--campaign", help=t("cli.import.campaign"))
    command.add_argument("--partner", help=t("cli.import.partner"))
    command.add_argument("--map-campaign", action="append", default=[], metavar="NOM=CAMPAGNE",
                         help=t("cli.import.map_campaign"))
    command.add_argument("--skip-campaign", action="append", default=[], metavar="LIBELLÉ",
                         help=t("cli.import.skip_campaign"))
    command.add_argument("--map", action="append", default=[], metavar="EN-TÊTE=RÔLE", help=t("cli.import.map"))
    command.add_argument("--date-column", metavar="EN-TÊTE", help=t("cli.import.date_column"))
    command.add_argument("--period", metavar="AAAA-MM-JJ..AAAA-MM-JJ", help=t("cli.import.period"))
    command.add_argument("--metric", action="append", default=[], metavar="EN-TÊTE=LIBELLÉ[:UNITÉ]",
                         help=t("cli.import.metric"))
    command.add_argument("--outside-dates", choices=importing.OUTSIDE_CHOICES, help=t("cli.import.outside_dates"))
    command.add_argument("--date-order", choices=importing.DATE_ORDERS, help=t("cli.import.date_order"))
    command.add_argument("--sheet", help=t("cli.import.sheet"))
    command.add_argument("--skip-rejected", action="store_true", help=t("cli.import.skip_rejected"))
    command.add_argument("--accept-warnings", action="store_true", help=t("cli.import.accept_warnings"))
    command.add_argument("--json", action="store_true", help=t("cli.json"))
    command.set_defaults(run=_import, kind=None)
    press = subcommands.add_parser("import-press", help=t("cli.import_press.help"))
    press.add_argument("files", nargs="+", metavar="FILE", help=t("cli.import.files"))
    press.add_argument("--campaign", required=True, help=t("cli.import.campaign"))
    press.add_argument("--partner", help=t("cli.import.partner"))
    press.add_argument("--skip-rejected", action="store_true", help=t("cli.import.skip_rejected"))
    press.add_argument("--json", action="store_true", help=t("cli.json"))
    press.set_defaults(run=_import, kind="press", map_campaign=[], sheet=None, accept_warnings=False, skip_campaign=[],
                       map=[], date_column=None, period=None, metric=[], outside_dates=None,
                       date_order=None)
    history = subcommands.add_parser("history", help=t("cli.history.help"))
    history.add_argument("--json", action="store_true", help=t("cli.json"))
    history.set_defaults(run=_history)
    undo = subcommands.add_parser("undo", help=t("cli.undo.help"))
    undo.add_argument("ingestion_id", type=int, metavar="INGESTION_ID")
    undo.set_defaults(run=_undo)


def _campaign_map(pairs: list[str]) -> dict[str, str] | None:
    mapped = {}
    for pair in pairs:
        raw, sep, campaign = pair.partition("=")
        if not sep or not raw.strip() or not campaign.strip():
            print(t("cli.import.bad_map", value=pair), file=sys.stderr)
            return None
        mapped[raw.strip()] = campaign.strip()
    return mapped


def _pairs(flag: str, values: list[str], shape: str) -> list[tuple[str, str]] | None:
    pairs = []
    for value in values:
        header, sep, rest = value.partition("=")
        if not sep or not header.strip() or not rest.strip():
            print(t("cli.import.bad_pair", flag=flag, value=value, shape=shape), file=sys.stderr)
            return None
        pairs.append((header.strip(), rest.strip()))
    return pairs


def _choices(arguments) -> dict | None:
    """The page's choices, from the flags; None (and a French sentence on stderr) when one is malformed."""
    roles = _pairs("--map", arguments.map, t("cli.import.shape_map"))
    metrics = _pairs("--metric", arguments.metric, t("cli.import.shape_metric"))
    if roles is None or metrics is None:
        return None
    allowed = importing.PRESS_ROLE_CHOICES if arguments.kind == "press" else importing.ROLE_CHOICES
    for header, role in roles:
        if role not in allowed:
            print(t("cli.import.bad_role", value=f"{header}={role}", role=role, roles=", ".join(allowed)),
                  file=sys.stderr)
            return None
    period = None
    if arguments.period:
        start, sep, end = arguments.period.partition("..")
        try:
            period = (date.fromisoformat(start.strip()), date.fromisoformat(end.strip())) if sep else None
        except ValueError:
            period = None
        if period is None or period[0] > period[1]:
            print(t("cli.import.bad_period", value=arguments.period), file=sys.stderr)
            return None
    definitions = {}
    for header, text in metrics:
        label, _, unit = text.partition(":")
        definitions[header] = importing.PartnerMetric(header=header, label=label.strip(), unit=unit.strip(),
                                                      amec=None, peso=None, additive=None)
    return {"mapping": dict(roles) or None, "date_column": arguments.date_column, "period": period,
            "partner_metrics": definitions, "skip_campaigns": arguments.skip_campaign,
            "outside_dates": arguments.outside_dates, "date_order": arguments.date_order}


def _progress_printer(file_name: str):
    shown = {"step": -1}

    def show(fraction: float, _label: str) -> None:
        step = int(fraction * 10)
        if step > shown["step"]:
            shown["step"] = step
            print(t("cli.import.progress", file=file_name, percent=step * 10), file=sys.stderr)

    return show


def _import(arguments) -> int:
    store = default_store()
    campaign_map = _campaign_map(arguments.map_campaign)
    choices = _choices(arguments)
    if campaign_map is None or choices is None:
        return REFUSED
    previews = []
    for name in arguments.files:
        path = Path(name)
        if not path.is_file():
            print(t("cli.import.no_file", file=name), file=sys.stderr)
            return REFUSED
        large = path.stat().st_size > 20 * 1024 * 1024
        previews.append(importing.preview(
            store, path, path.name, campaign=arguments.campaign, partner=arguments.partner, campaign_map=campaign_map,
            sheet=arguments.sheet, kind=arguments.kind, progress=_progress_printer(path.name) if large else None,
            **choices))
    # every file is checked before any is loaded: a refused file leaves the store as it was
    refusals = [importing.refusal(p, accept_warnings=arguments.accept_warnings, skip_rejected=arguments.skip_rejected)
                for p in previews]
    outcomes = [None] * len(previews)
    if not any(refusals):
        for index, result in enumerate(previews):
            outcomes[index] = importing.load(store, result, created_by=_actor(), accept_warnings=arguments.accept_warnings,
                                             skip_rejected=arguments.skip_rejected)
    for result, refusal, outcome in zip(previews, refusals, outcomes, strict=True):
        if refusal:
            print(refusal, file=sys.stderr)
            _labels(result, sys.stderr)
        elif outcome is None:
            print(t("cli.import.not_loaded", file=result.file_name), file=sys.stderr)
        elif not arguments.json:
            _say(result, outcome)
    if arguments.json:
        payload = []
        for result, refusal, outcome in zip(previews, refusals, outcomes, strict=True):
            entry = importing.as_json(result, outcome)
            if refusal and not entry["errors"]:
                entry["errors"] = [refusal]
            elif outcome is None and not refusal:
                entry["errors"] = [t("cli.import.not_loaded", file=result.file_name)]
            payload.append(entry)
        print(importing.dumps({"ingestions": payload}))
    return REFUSED if any(refusals) else 0


def _actor() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ligne de commande"


def _say(result: importing.Preview, outcome: importing.Loaded) -> None:
    lang = language()
    if outcome.already_loaded:
        print(t("import.info.already_loaded", file=result.file_name, id=outcome.already_loaded_as))
        return
    print(t("cli.import.loaded", file=result.file_name, id=outcome.ingestion_id,
            rows=fmt.number(outcome.rows_loaded, lang), rejected=fmt.number(result.rows_rejected, lang),
            replaced=fmt.number(outcome.rows_replaced, lang)))
    for metric, value in sorted(outcome.totals.items()):
        name = importing.partner_metrics.metric_name(result, metric)
        # the one display rule, as the Importer page's tiles: money with its unit ("85 €"), counts grouped
        largest = "" if adds_up(metric) else f" ({t('import.totals.largest')})"
        print(f"  {name}{largest} : {figure_display(metric, value, lang)}")
    for line in importing.said_after_load(result.infos):      # "a été créé", no longer "sera créé"
        print(f"  {line}")


def _labels(result: importing.Preview, stream) -> None:
    """The file's campaign labels with their totals and where each goes, as the page's table shows them."""
    if result.labels.empty or len(result.labels) < 2:
        return
    lang = language()
    metrics = [c for c in result.labels.columns if c not in ("label", "campaign", "resembles", "rows")]
    skipped = set(result.skip_campaigns)
    for row in result.labels.to_dict("records"):
        figures = " · ".join(f"{importing.partner_metrics.metric_name(result, m)} {figure_display(m, row[m], lang)}"
                             for m in metrics if not fmt.is_missing(row.get(m)))
        fate = (t("cli.import.label_left_out") if row["label"] in skipped
                else row["campaign"] if isinstance(row["campaign"], str) else t("cli.import.label_undecided"))
        print(t("cli.import.label_line", count=int(row["rows"]), label=row["label"], rows=fmt.number(row["rows"], lang),
                figures=figures, fate=fate), file=stream)


def _history(arguments) -> int:
    store = default_store()
    rows = importing.history(store)
    totals = importing.ingestion_totals(store)
    if arguments.json:
        entries = []
        for row in rows.to_dict("records"):
            row = {k: (None if fmt.is_missing(v) else v) for k, v in row.items()}
            row["totals"] = totals.get(int(row["id"]), {})
            entries.append(row)
        print(json.dumps({"ingestions": entries}, ensure_ascii=False, indent=2, default=str))
        return 0
    if rows.empty:
        print(t("cli.history.empty"))
        return 0
    lang = language()
    for row in rows.itertuples(index=False):
        # 30/11/2026 14:05, not the store's ISO stamp; a load without a file is named by its source, in words.
        print(t("cli.history.line", id=row.id, when=fmt.cell(row.created_at, lang),
                file=row.file_name if isinstance(row.file_name, str) and row.file_name else codes.words("source", row.source, lang),
                campaign=row.campaign if isinstance(row.campaign, str) else "—",
                partner=row.partner if isinstance(row.partner, str) else "—",
                rows=fmt.number(row.rows_loaded, lang), rejected=fmt.number(row.rows_rejected, lang),
                replaced=fmt.number(row.rows_replaced, lang), by=row.created_by,
                status=t(f"import.status.{row.status}")))
        if isinstance(row.replaced_by, str) and row.replaced_by:
            print("    " + t("cli.history.replaced_by", ids=row.replaced_by))
    return 0


def _undo(arguments) -> int:
    try:
        counts = importing.undo(default_store(), arguments.ingestion_id, by=_actor())
    except IngestError as error:
        print(str(error), file=sys.stderr)
        return REFUSED
    print(t("import.undone", id=arguments.ingestion_id, facts=counts["facts"], press=counts["press"],
            restored=counts["restored"]))
    return 0
