"""What an import says before and after it writes: the preview of a file, the outcome of its load, the refusal."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from connectors.partner_file import dates, settings
from connectors.partner_file.reader import FileShape
from resonance.domain.figures import adds_up
from resonance.errors import InputError
from resonance.i18n import t

Progress = Callable[[float, str], None]
SOURCE = "file"
MAX_LISTED = 1000            # rejected rows listed one by one; beyond, counted
ROLE_CHOICES = (*(r for r in settings.FACT_ROLES if r != settings.IGNORE), "partner_metric", settings.IGNORE)
OUTSIDE_CHOICES = ("drop", "extend")     # days outside the campaign's dates: left out, or the dates extended
DATE_ORDERS = dates.ORDERS               # numeric dates read day first (02/06 = 2 June) or month first (June 2)
PRESS_ROLE_CHOICES = (*settings.PRESS_ROLES, "campaign", settings.IGNORE)
FACT_COLUMNS = ["campaign", "partner", "channel", "peso", "platform", "period_start", "period_end", "metric", "value"]



# What a preview foretells ("il sera créé", "remplacera") is said again in the past once the load did it
# ("a été créé", "a remplacé"): the command line's summary, the JSON and the ingestion's notes come after the fact.
DONE_KEYS = {
    "import.info.new_campaign": "import.done.new_campaign",
    "import.info.new_partner": "import.done.new_partner",
    "import.info.replaces": "import.done.replaces",
    "import.warning.new_partners": "import.done.new_partners",
    "import.info.outside_extended": "import.done.outside_extended",
    "import.info.outside_dropped": "import.done.outside_dropped",
}


class Foretold(str):
    """A sentence of the preview about what the load will do, that knows how to say it once done."""

    key: str
    values: dict

    def __new__(cls, key: str, **values) -> Foretold:
        said = super().__new__(cls, t(key, **values))
        said.key, said.values = key, values
        return said

    def done(self) -> str:
        return t(DONE_KEYS[self.key], **self.values)

    def __reduce__(self):
        # the preview runs in a bounded child process and comes back pickled: its text is kept as it was said
        return _said, (str(self), self.key, self.values)


def _said(text: str, key: str, values: dict) -> Foretold:
    said = str.__new__(Foretold, text)
    said.key, said.values = key, values
    return said


def said_after_load(lines) -> list[str]:
    """The preview's lines as they read once the file is loaded: what was to happen has happened."""
    return [line.done() if isinstance(line, Foretold) else str(line) for line in lines]


class ImportRefused(InputError):
    """A file that will not be loaded as it is; the message names the file, the row, the column and the fix."""


@dataclass
class Preview:
    """What a file would bring, and every problem with it, before anything is written."""

    file_name: str
    sha256: str = ""
    kind: str = "facts"                          # facts | press
    shape: FileShape | None = None
    preset: str | None = None
    columns: pd.DataFrame = field(default_factory=pd.DataFrame)   # column, example, role, origin
    mapping: dict[str, str] = field(default_factory=dict)
    campaign: str | None = None
    partner: str | None = None
    campaign_map: dict[str, str] = field(default_factory=dict)
    facts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FACT_COLUMNS))
    press: pd.DataFrame = field(default_factory=pd.DataFrame)
    reported_rates: pd.DataFrame = field(default_factory=pd.DataFrame)
    totals: dict[str, float] = field(default_factory=dict)
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["line", "column", "value", "reason"]))
    rows_read: int = 0
    rows_rejected: int = 0
    totals_rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["line", "text", "note"]))
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    unknown_campaigns: list[str] = field(default_factory=list)
    new_partners: list[str] = field(default_factory=list)
    replaces: int = 0                            # stored figures this file would replace
    already_loaded_as: int | None = None
    # the manager's choices and what the preview found about them (issue 12)
    skip_campaigns: list[str] = field(default_factory=list)     # labels of the file left out
    labels: pd.DataFrame = field(default_factory=pd.DataFrame)  # label, campaign (None: left out), resembles, rows, totals
    partner_metrics: dict = field(default_factory=dict)         # header -> PartnerMetric
    period: tuple | None = None                                  # the period a file without dates takes
    period_from: str | None = None                               # manager | campaign
    outside_dates: str | None = None                             # drop | extend | None (not chosen)
    outside: dict = field(default_factory=dict)                  # campaign -> (first day, last day) of the file outside
    extend: dict = field(default_factory=dict)                   # campaign -> (start, end) its dates become at load
    date_order: str | None = None                                # dmy | mdy: the manager's reading of numeric dates
    date_reading: dict = field(default_factory=dict)             # order, because, example, weak: when both differ

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_loaded(self) -> int:
        return len(self.facts) + len(self.press)


@dataclass
class Loaded:
    file_name: str
    ingestion_id: int | None
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_replaced: int = 0
    press_duplicates: int = 0
    already_loaded_as: int | None = None
    totals: dict[str, float] = field(default_factory=dict)

    @property
    def already_loaded(self) -> bool:
        return self.already_loaded_as is not None


def totals_of(facts: pd.DataFrame) -> dict[str, float]:
    """A file's figures per metric, as the Importer and the command line show them: a sum of its rows, except for a
    figure that does not add up (a reach), which is its largest value — never a sum of reaches."""
    values = facts.groupby("metric")["value"]
    sums, largest = values.sum(), values.max()
    return {m: float(sums[m] if adds_up(m) else largest[m]) for m in sums.index}
