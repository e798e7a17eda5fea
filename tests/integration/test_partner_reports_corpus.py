"""Each partner report of the corpus (tests/fixtures/partner_reports) imported through the command line into a fresh store.

The stored figures of the campaign are compared with the file's truth (`totals`, `press_mentions`,
`as_reported` rates, `refuse`), other campaigns' rows left out. The truth's `check` block (hints for
check_truth.py) is never read. The pass rate is printed at the end of the run. Files whose figures
the store cannot hold yet (partner-defined metrics, figures as reported) are strict xfails here, and
the reader's proposals for them (`candidate_figures`) are checked against the truth by value below.

Until the import branch merges two of its flags, two kinds of files go through the preview API instead
of the command line, and say so (`ROUTE`): `--period` (files with no date and no stated period) is
the `period=` argument of `importing.preview`, and `--skip-campaign LABEL` is applied by mapping every
label of the file to the campaign or to a holding name and dropping the held rows before loading.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import math
from datetime import date
from pathlib import Path

import pytest

from connectors.partner_file.reader import candidate_figures, open_file
from resonance import cli
from resonance.ingest import importing
from resonance.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "partner_reports" / "files"
TRUTHS = sorted(CORPUS.glob("*.truth.json"))
LEFT_OUT = "Hors campagne (test)"
# metric names of the truth's as_reported rates -> the store's reported_rate names
RATE_NAMES = {"open_rate": "open_rate", "click_rate": "email_click_rate", "click_to_open_rate": "click_to_open",
              "ctr": "ctr", "engagement_rate": "engagement_rate"}
# Files whose figures need what the import branch adds (partner-defined metrics and as-reported figures
# stored, a file with no canonical metric accepted): expected to fail here until then; strict, so they
# must be taken off this list the day they pass.
NEEDS_IMPORT_BRANCH = {
    "association_bilan_actions.ods": "partner-defined metrics (affiches, flyers, événements) not stored yet",
    "clear_channel_dooh.pdf": "partner-defined metrics (diffusions écran) not stored yet",
    "deezer_bilan.pdf": "partner-defined metric (écoutes complètes) not stored yet",
    "enseigne_ecrans_caisse.xlsx": "partner-defined metrics (passages en caisse) not stored yet",
    "jcdecaux_bilan.xlsx": "partner-defined metrics (faces, contacts ×1000) and GRP as reported not stored yet",
    "radio_bilan_mediametrie.xlsx": "partner-defined metrics and GRP/coverage/repetition as reported not stored yet",
    "spotify_ad_studio.csv": "completes as a partner-defined metric, reach/frequency as reported not stored yet",
    "tv_grp_chaines.ods": "partner-defined metrics and GRP as reported not stored yet",
}
RESULTS: dict[str, bool] = {}


def _truth(path: Path) -> dict:
    truth = json.loads(path.read_text(encoding="utf-8"))
    truth.pop("check", None)            # hints for check_truth.py only: never read by this test
    return truth


def _period(text: str | None) -> tuple[date, date] | None:
    if not text:
        return None
    start, end = text.split("..")
    return date.fromisoformat(start), date.fromisoformat(end)


def _skipped_labels(truth: dict) -> list[str]:
    extra = truth["cli"]["extra_args"]
    return [extra[i + 1] for i, flag in enumerate(extra) if flag == "--skip-campaign"]


@functools.cache
def _cli_has(flag: str) -> bool:
    """Whether `import` takes this flag on this branch (the import branch adds --period and --skip-campaign)."""
    subcommands = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return flag in subcommands.choices["import"].format_help()


def route(truth: dict) -> str:
    """How the file is imported: `cli`, or `preview` while a flag the file needs is not on the command line."""
    if truth["cli"]["period"] and not _cli_has("--period"):
        return "preview"
    if _skipped_labels(truth) and not _cli_has("--skip-campaign"):
        return "preview"
    return "cli"


def _import_cli(path: Path, truth: dict) -> tuple[int, str]:
    arguments = ["import", str(path), "--campaign", truth["cli"]["campaign"], "--partner", truth["cli"]["partner"]]
    if truth["cli"]["period"]:
        arguments += ["--period", truth["cli"]["period"]]
    arguments += truth["cli"]["extra_args"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(arguments)
    return code, out.getvalue() + err.getvalue()


def _import_preview(store: Store, path: Path, truth: dict) -> tuple[int, str]:
    campaign = truth["cli"]["campaign"]
    skipped = set(_skipped_labels(truth))
    labels = truth["campaign_labels"]
    options = {"partner": truth["cli"]["partner"], "period": _period(truth["cli"]["period"])}
    if skipped:
        options["campaign_map"] = {label: (LEFT_OUT if label in skipped else campaign) for label in labels}
    else:
        options["campaign"] = campaign
    result = importing.preview(store, path, path.name, **options)
    if skipped and not result.facts.empty:
        result.facts = result.facts[result.facts["campaign"] != LEFT_OUT].reset_index(drop=True)
        if not result.reported_rates.empty:
            result.reported_rates = result.reported_rates[result.reported_rates["campaign"] != LEFT_OUT]
    reason = importing.refusal(result)
    if reason:
        return 2, reason
    importing.load(store, result, created_by="corpus")
    return 0, ""


def _stored(store: Store, campaign: str) -> tuple[dict[str, float], int, dict[str, float]]:
    with store.read() as con:
        totals = dict(con.execute(
            "select f.metric, sum(f.value) from metric_fact f join campaign c on c.id = f.campaign_id"
            " where c.name = ? group by f.metric", [campaign]).fetchall())
        press, audience = con.execute("select count(*), sum(m.audience) from press_mention m"
                                      " join campaign c on c.id = m.campaign_id where c.name = ?", [campaign]).fetchone()
        rates = dict(con.execute(
            "select r.rate, sum(r.value * r.rows_behind) / sum(r.rows_behind) from reported_rate r"
            " join campaign c on c.id = r.campaign_id where c.name = ? group by r.rate", [campaign]).fetchall())
    if press:       # press files: the mentions and their audience are the file's totals
        totals |= {"press_mentions": float(press), **({"press_audience": float(audience)} if audience else {})}
    return totals, press, rates


def _problems(store: Store, truth: dict, code: int, said: str) -> list[str]:
    campaign = truth["cli"]["campaign"]
    if truth["refuse"]:
        problems = [] if code != 0 else ["the file was loaded, it must be refused"]
        if "galerie" not in said and "photo" not in said.lower():
            problems.append(f"the refusal does not offer the file as a picture: {said!r}")
        return problems
    if code != 0:
        return [f"refused (exit {code}): {said.strip()[:400]}"]
    totals, press, rates = _stored(store, campaign)
    problems = []
    expected_press = truth["press_mentions"]
    if expected_press is not None and press != expected_press:
        problems.append(f"press mentions {press} != {expected_press}")
    for metric, value in truth["totals"].items():
        got = totals.get(metric)
        if got is None or not math.isclose(got, value, abs_tol=0.011):
            problems.append(f"{metric}: {got} != {value}")
    unexpected = set(totals) - set(truth["totals"])
    if unexpected:
        problems.append(f"metrics not in the truth landed: {sorted(unexpected)}")
    for name, value in truth["as_reported"].items():
        stored = rates.get(RATE_NAMES.get(name, name))
        if stored is None or not math.isclose(stored * 100 if name in RATE_NAMES else stored, value, abs_tol=0.051):
            problems.append(f"as reported {name}: {stored} != {value}")
    if truth["partner_metrics"]:
        problems.append(f"partner-defined metrics {sorted(truth['partner_metrics'])} not found in the store")
    if not truth["totals"] and not truth["as_reported"] and not truth["partner_metrics"] and expected_press is None:
        problems.append("nothing to compare")
    return problems


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.name[: -len(".truth.json")] for p in TRUTHS])
def test_corpus_file_lands_with_its_truth(truth_path, store, request):
    name = truth_path.name[: -len(".truth.json")]
    if name in NEEDS_IMPORT_BRANCH:
        request.applymarker(pytest.mark.xfail(reason=NEEDS_IMPORT_BRANCH[name], strict=True))
    truth = _truth(truth_path)
    path = CORPUS / name
    how = route(truth)
    code, said = _import_cli(path, truth) if how == "cli" else _import_preview(store, path, truth)
    problems = _problems(store, truth, code, said)
    RESULTS[name] = not problems
    assert not problems, f"{name} ({how}): " + "; ".join(problems)


def test_corpus_pass_rate_is_printed(capsys):
    """Runs last in this module: the share of the corpus that landed exactly (all of it is the goal)."""
    if not RESULTS:
        pytest.skip("the corpus files were not run in this session (select the whole module)")
    passed = sum(RESULTS.values())
    with capsys.disabled():
        print(f"\npartner reports corpus: {passed}/{len(RESULTS)} files land exactly"
              f" ({100 * passed / len(RESULTS):.0f} %); routed through the preview API:"
              f" {sorted(n for n in RESULTS if route(_truth(CORPUS / f'{n}.truth.json')) == 'preview')}")
    assert len(TRUTHS) >= 40


AS_REPORTED_KEYS = {"as_reported:grp": "grp", "as_reported:coverage_percent": "coverage_percent",
                    "as_reported:frequency": "frequency", "as_reported:reach_deduplicated": "reach"}
WITH_PARTNER_METRICS = [p for p in TRUTHS if _truth(p)["partner_metrics"]]


@pytest.mark.parametrize("truth_path", WITH_PARTNER_METRICS,
                         ids=[p.name[: -len(".truth.json")] for p in WITH_PARTNER_METRICS])
def test_reader_proposes_the_partner_defined_metrics_with_their_figures(truth_path):
    """What the import branch stores comes from here: each partner metric and figure as reported, valued."""
    truth = _truth(truth_path)
    opened = open_file(CORPUS / truth_path.name[: -len(".truth.json")])
    found = candidate_figures(opened)
    partner = sorted(c["value"] for c in found if c["kind"] == "partner" and c["value"] is not None)
    assert sorted(float(m["value"]) for m in truth["partner_metrics"].values()) == pytest.approx(partner)
    assert all(c["kind"] == "partner" and c["additive"] for c in found
               if c["value"] in {m["value"] for m in truth["partner_metrics"].values()})
    reported = {AS_REPORTED_KEYS[c["key"]]: c["value"] for c in found
                if c["kind"] == "as_reported" and c["value"] is not None and c["key"] in AS_REPORTED_KEYS}
    assert reported == pytest.approx({k: float(v) for k, v in truth["as_reported"].items()})
