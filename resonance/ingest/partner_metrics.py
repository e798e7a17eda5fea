"""Partner-defined metrics: a numeric column the vocabulary has no word for, kept with its label, unit, AMEC stage and PESO.

Never a dead end: such a column ("Affiches posées", "Contacts (000)") is proposed as a metric of the
partner instead of being dropped; the manager can rename it, give its unit, stage and kind, say whether
it adds up, or leave it out (role "ignore"). Its definition is remembered per partner (table
`partner_metric`, migration 020) so that next month's file maps itself. Its values are facts like any
other under the code `partner:<name>`; a figure that does not add up (a GRP, a coverage %) is kept as
reported in `reported_rate` under the same code.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

import pandas as pd

import queries
from connectors.partner_file import settings
from connectors.partner_file import vocabulary as _vocabulary
from connectors.partner_file.engine import PARTNER_ROLE_PREFIX
from connectors.partner_file.mapping import column_cells, header_key, is_derived_ratio
from resonance.domain.metrics import AMEC_GROUPS, PARTNER_METRIC_PREFIX, PESO, is_partner_metric
from resonance.i18n import quoted, t
from resonance.services.partnership import partner_id as find_partner

ROLE = "partner_metric"              # the mapping role of such a column (saved with the partner's mapping)
PREFIX = PARTNER_METRIC_PREFIX       # the code of its figures in metric_fact / reported_rate
# headers that hold numbers but no figure: identifiers, years, positions
_NOT_FIGURES = re.compile(r"\b(id|ids|identifiant|code|numero|no|n|num|annee|year|rang|rank|siret|siren|"
                          r"code postal|zip|week number|semaine n|mois n)\b")
_SCALES = {"000": 1000.0, "milliers": 1000.0, "k": 1000.0, "thousands": 1000.0, "m": 1e6, "millions": 1e6}
_MIN_NUMERIC_SHARE = 0.6
_SCALE_MARK = re.compile(r"\s*[(\[]\s*(000|milliers|k|thousands|m|millions)\s*[)\]]", re.IGNORECASE)


@dataclass(frozen=True)
class PartnerMetric:
    header: str
    label: str
    unit: str = ""
    amec: str = "output"
    peso: str = "shared"
    additive: bool = True
    scale: float = 1.0
    metric: str = ""                 # partner:<name>

    def row(self) -> dict:
        return {**asdict(self), "header_key": header_key(self.header)}


def code_of(label: str) -> str:
    return PREFIX + "_".join(header_key(label).split())[:60]


def role_of_column(index: int) -> str:
    """The engine's role for the column at `index` (one per column, an identifier SQL accepts)."""
    return f"{PARTNER_ROLE_PREFIX}{index}"


def _vocabulary_hint(header: str):
    """The vocabulary line for a partner or as-reported figure, when the reader has one (vocabulary.csv)."""
    entry = _vocabulary.lookup(header)
    return entry if entry is not None and entry.kind in ("partner", "as_reported") else None


def _peso(said, default: str) -> str:
    """The vocabulary's kind, from the medium's owner: a partner's own posters are "shared" for the campaign."""
    if said not in PESO:
        return default
    return default if said == "owned" and default == "shared" else said


def proposal(header: str, peso: str) -> PartnerMetric:
    """A first definition from the header alone: "Contacts (000)" -> label "Contacts", unit "contacts", ×1 000."""
    entry = _vocabulary_hint(header)
    bracket = re.search(r"[(\[]([^)\]]*)[)\]]", header)
    inside = (bracket.group(1).strip() if bracket else "")
    label = re.sub(r"\s*[(\[][^)\]]*[)\]]\s*", " ", header).strip(" :-") or header.strip()
    scale = _SCALES.get(header_key(inside), 1.0)
    unit = inside if inside and scale == 1.0 and not inside.isdigit() else (label.split()[0].lower() if label else "")
    if entry is not None:
        name = entry.metric.split(":", 1)[1]
        return PartnerMetric(header=header, label=label, unit=entry.unit or unit,
                             amec=entry.amec_stage if entry.amec_stage in AMEC_GROUPS else "output",
                             peso=_peso(entry.peso, peso), additive=entry.additive,
                             scale=entry.scale * scale if entry.scale else scale, metric=PREFIX + name)
    return PartnerMetric(header=header, label=label, unit=unit, peso=peso, scale=scale, metric=code_of(label))


def _from_candidate(candidate: dict, peso: str) -> PartnerMetric:
    """The reader's proposal for a column (`FileShape.candidates`: vocabulary line or content), as a definition."""
    name = str(candidate.get("key") or "").split(":", 1)[-1] or "_".join(header_key(candidate["header"]).split())
    label = candidate.get("label") or candidate["header"]
    if float(candidate.get("scale") or 1.0) != 1.0:      # "Contacts (000)" holds thousands: its figure is "Contacts"
        label = _SCALE_MARK.sub(" ", label).strip() or label
    return PartnerMetric(header=candidate["header"], label=label,
                         unit=candidate.get("unit") or "",
                         amec=candidate.get("amec_stage") if candidate.get("amec_stage") in AMEC_GROUPS else "output",
                         peso=_peso(candidate.get("peso"), peso),
                         additive=bool(candidate.get("additive", True)), scale=float(candidate.get("scale") or 1.0),
                         metric=PREFIX + name)


def saved(store, partner: str | None) -> dict[str, PartnerMetric]:
    """The partner's definitions by header key (what last month's file was mapped to)."""
    with store.read() as con:
        partner_id = find_partner(con, partner) if partner else 0
        if partner_id is None:
            return {}
        rows = queries.run(con, "import_saved_partner_metrics", {"partner_id": partner_id})
    found = {}
    for row in rows.to_dict("records"):
        found.setdefault(row["header_key"], PartnerMetric(
            header=row["header_key"], label=row["label"], unit=row["unit"], amec=row["amec"], peso=row["peso"],
            additive=bool(row["additive"]), scale=float(row["scale"]), metric=row["metric"]))
    return found


def propose(partner_file, mapping: dict[str, str], origin: dict[str, str], *, remembered: dict[str, PartnerMetric],
            given: dict[str, PartnerMetric], peso: str, notes: list[str], dated: bool = True) -> dict[str, PartnerMetric]:
    """Definitions for the columns kept as partner metrics; marks them in `mapping` (role ROLE).

    A column becomes one when the manager says so (`given`, or the role in the mapping), when it was
    one for this partner before, or when it holds numbers and nothing else recognised it.
    """
    chosen: dict[str, PartnerMetric] = {}
    given_by_key = {header_key(h): d for h, d in given.items()}
    # numbers nothing recognised are kept on their own only when the file has no known figure at all
    # (never a dead end); otherwise they are named to the manager, who keeps those that matter
    # (never a dead end) and says when (a date column or a period): a stock list is not a report
    known = any(r in settings.METRIC_ROLES or r in settings.RATES for r in mapping.values()) or not dated
    unclaimed = []
    # the reader's proposals (FileShape.candidates) are the only guesses; identifiers, years, ranks are none
    offered = {c["header"]: c for c in partner_file.shape.candidates if c.get("header")}
    for index, header in enumerate(partner_file.shape.headers):
        if not header or header not in mapping:
            continue
        key = header_key(header)
        role, came_from = mapping[header], origin.get(header)
        if key in given_by_key:
            base = remembered.get(key) or proposal(header, peso)
            definition = given_by_key[key]
            # the manager's words win; what they left unsaid (None) stays as proposed or remembered
            chosen[header] = replace(
                base, header=header, label=definition.label or base.label,
                unit=definition.unit if definition.unit is not None else base.unit,
                amec=definition.amec if definition.amec in AMEC_GROUPS else base.amec,
                peso=definition.peso if definition.peso in PESO else base.peso,
                additive=definition.additive if definition.additive is not None else base.additive,
                metric=base.metric if key in remembered or base.metric.startswith(PREFIX) and _vocabulary_hint(header)
                else code_of(definition.label or base.label))
            origin[header] = "manager"
        elif role == ROLE:
            chosen[header] = replace(remembered[key], header=header) if key in remembered else proposal(header, peso)
        elif key in remembered and role == settings.IGNORE and came_from != "manager":
            chosen[header] = replace(remembered[key], header=header)
            origin[header] = "saved"
        elif role == settings.IGNORE and header in offered and (offered[header].get("origin") == "vocabulary"
                                                                or not _NOT_FIGURES.search(key)):
            # the reader's proposal: kept when its vocabulary knows the figure, or when the file has no known one
            if known and offered[header].get("origin") != "vocabulary":
                unclaimed.append(header)
                continue
            chosen[header] = _from_candidate(offered[header], peso)
            origin[header] = "partner"
        else:
            continue
        cells = column_cells(index, partner_file.shape.sample)
        if chosen[header].additive and is_derived_ratio(header, cells):
            # kept by the manager, a ratio or a share still never adds up: it is stored as reported
            chosen[header] = replace(chosen[header], additive=False)
        mapping[header] = ROLE
    if unclaimed:
        notes.append(t("import.info.unclaimed_numbers", columns=", ".join(quoted(h) for h in unclaimed),
                       first=unclaimed[0]))
    # two columns of one label would add into one figure: the second keeps its header as its name
    codes: set[str] = set()
    for header, definition in list(chosen.items()):
        if definition.metric in codes:
            chosen[header] = replace(definition, metric=code_of(header), label=header)
        codes.add(chosen[header].metric)
    return chosen


def definitions_frame(definitions: dict[str, PartnerMetric]) -> pd.DataFrame:
    columns = ["metric", "header_key", "label", "unit", "amec", "peso", "additive", "scale"]
    return pd.DataFrame([d.row() for d in definitions.values()], columns=[*columns, "header"])[columns] \
        .drop_duplicates("metric", keep="last")


def label_of(result, metric: str) -> str:
    """A partner metric's label, as the manager gave it (or its code made readable)."""
    for definition in result.partner_metrics.values():
        if definition.metric == metric:
            return definition.label
    return metric[len(PREFIX):].replace("_", " ")


def metric_name(result, metric: str) -> str:
    """What a person reads for a metric of a preview: the dictionary's word, or the partner's own label."""
    return label_of(result, metric) if is_partner_metric(metric) else t(f"metric.{metric}")
