"""Parsing a partner file in an in-memory DuckDB: one streaming pass that reads, parses numbers and adds up rows.

The file's rows are never turned into Python objects: `read_csv` (explicit options from the
sniffing) feeds expressions that parse the numbers the way the file writes them, rows are
added up per date × campaign × partner × platform, and only those groups (a few hundred for
a million-row export) come back to Python. A second pass, run only when something is wrong,
fetches the line numbers of the rows to show the manager.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from connectors.partner_file import settings
from connectors.partner_file.reader import PartnerFile, Progress

_MACROS = (Path(__file__).with_name("parse.sql")).read_text(encoding="utf-8")
GROUP_DIMENSIONS = ("date", "period_start", "period_end", "campaign", "partner", "platform")
_TOTAL_PATTERN = "^(sous[ -]?)?(total|totaux|grand total|summary|r[ée]sum[ée]|somme|cumul)\\b.*$"
PARTNER_ROLE_PREFIX = "pm_"        # a partner-defined metric's column ("pm_7"): summed like a canonical count


class _Counted:
    """The roles the engine adds up: the canonical metrics and the partner-defined ones."""

    def __contains__(self, role) -> bool:
        return role in settings.METRIC_ROLES or (isinstance(role, str) and role.startswith(PARTNER_ROLE_PREFIX))


COUNTED = _Counted()


@dataclass
class Parsed:
    groups: pd.DataFrame            # one row per group of rows: d_* texts, label flags, n_rows, n_bad, s_/n_/neg_ per metric
    bad_columns: dict[int, int]     # column index -> rows with an unreadable number there
    rows: int


def connect(threads: int = 0) -> duckdb.DuckDBPyConnection:
    """The parser's own in-memory DuckDB; `threads` 0 leaves DuckDB its default (one per core)."""
    config = {"memory_limit": settings.PARSER_MEMORY_LIMIT} | ({"threads": threads} if threads else {})
    con = duckdb.connect(":memory:", config=config)
    con.execute("set enable_progress_bar = true; set enable_progress_bar_print = false; set progress_bar_time = 0")
    con.execute(_MACROS)
    return con


def _number(column: str, decimal: str) -> str:
    return f"rs_number_comma({column})" if decimal == "," else f"rs_number_point({column})"


def _rate(column: str, decimal: str, scale: float) -> str:
    # "2,35 %": the sign and its spaces trimmed first, so that the fast path of the number applies
    trimmed = f"rtrim({column}, ' %\u00a0\u202f')"
    return (f"(case when contains({column}, '%') then {_number(trimmed, decimal)} / 100"
            f" else {_number(column, decimal)} * {scale!r} end)")


def plan(partner_file: PartnerFile, mapping: dict[int, str], rate_scales: dict[int, float],
         numbers: set[int] = frozenset()) -> tuple[list[str], list[str]]:
    """The parsing expressions (first pass) and the group keys, from the column roles (by column index).

    Columns in `numbers` arrive as DOUBLE from the CSV reader; the others are text parsed here.
    """
    first, labels = [], []
    decimal = partner_file.shape.decimal
    # a week's cell is read as the 7 days it starts, a month's as its whole month ("semaine du …", "mois de …");
    # a total row's text stays as written
    spans = {**{i: "mois de " for i in getattr(partner_file.shape, "months", set())},
             **{i: "semaine du " for i in getattr(partner_file.shape, "weeks", set())}}
    scales = getattr(partner_file.shape, "scales", {})
    for index, role in mapping.items():
        column = f"c{index}"
        if role == "date" and index in spans:
            first.append(f"case when nullif(trim({column}), '') is null then null"
                         f" when regexp_matches(lower(trim({column})), '^(sous|total|grand|cumul|somme|summary)')"
                         f" then trim({column}) else '{spans[index]}' || trim({column}) end as d_{role}")
        elif role in GROUP_DIMENSIONS:
            first.append(f"nullif(trim({column}), '') as d_{role}")
        elif role == "label":
            labels.append(column)
        elif role in COUNTED and index in scales:     # "Contacts (000)": thousands
            first.append(f"{_number(column, decimal) if index not in numbers else column} * {scales[index]!r}"
                         f" as m_{role}")
            if index not in numbers:
                first.append(f"{column} as r_{index}")
        elif role in COUNTED and index in numbers:
            first.append(f"{column} as m_{role}")
        elif role in settings.RATES and index in numbers:
            first.append(f"{column} * {rate_scales.get(index, 1.0)!r} as m_{role}")
        elif role in COUNTED:
            first.append(f"{_number(column, decimal)} as m_{role}")
            first.append(f"{column} as r_{index}")
        elif role in settings.RATES:
            first.append(f"{_rate(column, decimal, rate_scales.get(index, 1.0))} as m_{role}")
            first.append(f"{column} as r_{index}")
    if labels:
        # read_csv gives NULL for an empty cell; only cells made of spaces need trimming
        first.append("(" + " and ".join(f"({c} is null or (starts_with({c}, ' ') and trim({c}) = ''))"
                                        for c in labels) + ") as label_blank")
        # the regular expression only runs on cells whose first letter could start a total (CASE is lazy);
        # contains(), not IN: DuckDB 1.5 turns a long IN list into a join, and the progress bar then goes blank
        first.append("(" + " or ".join(
            f"case when contains('TtSsGgRrCc ', {c}[1])"
            f" then coalesce(regexp_full_match(lower(trim({c})), '{_TOTAL_PATTERN}'), false) else false end"
            for c in labels) + ") as label_total")
    else:
        first.append("false as label_blank")
        first.append("false as label_total")
    keys = [f"d_{role}" for role in GROUP_DIMENSIONS if role in mapping.values()] + ["label_blank", "label_total"]
    return first, keys


def _bad(mapping: dict[int, str], numbers: set[int] = frozenset()) -> list[str]:
    return [(f"(case when m_{role} is null and r_{index} is not null then not rs_blank(r_{index}) else false end)"
             if index not in numbers else "false") + f" as b_{index}"
            for index, role in mapping.items() if role in COUNTED or role in settings.RATES]


MAX_REREAD = 100_000     # rows the CSV reader could not read as plain numbers, read again as text


def parse(con, partner_file: PartnerFile, mapping: dict[int, str], rate_scales: dict[int, float],
          progress: Progress | None = None) -> Parsed:
    """Read, parse and add up the file's rows in one pass.

    Columns whose sampled cells are plain numbers are parsed by the CSV reader; the few rows it
    cannot read that way (a "1 234" or a "--" further down) are read again as text, so they are
    judged by the same rules as every other cell.
    """
    measured = [i for i, r in mapping.items() if r in COUNTED or r in settings.RATES]
    numbers = partner_file.plain_numbers(measured)
    _, keys = plan(partner_file, mapping, rate_scales)
    groups = _aggregate(con, partner_file.relation(con, numbers), partner_file, mapping, rate_scales, numbers, progress)
    if numbers:
        reread = con.execute("select count(distinct line) from rs_rejects").fetchall()[0][0]
        if reread > MAX_REREAD:
            groups = _aggregate(con, partner_file.relation(con), partner_file, mapping, rate_scales, set(), progress)
        elif reread:
            lines = [r[0] for r in con.execute("select any_value(csv_line) from rs_rejects group by line"
                                               " order by line").fetchall()]
            frame = pd.DataFrame(partner_file.split_lines(lines), columns=partner_file.columns(), dtype=object)
            extra = _aggregate(con, con.from_df(frame), partner_file, mapping, rate_scales, set(), None)
            groups = _merge(groups, extra, keys)
    bad_columns = {i: int(groups[f"bad_{i}"].sum()) for i in measured if f"bad_{i}" in groups}
    return Parsed(groups=groups, bad_columns={i: n for i, n in bad_columns.items() if n}, rows=int(groups["n_rows"].sum()))


def _merge(groups: pd.DataFrame, extra: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    both = pd.concat([groups, extra], ignore_index=True)
    return both.groupby(keys, dropna=False, as_index=False, sort=False).sum(min_count=1)


def _aggregate(con, relation, partner_file, mapping, rate_scales, numbers, progress) -> pd.DataFrame:
    first, keys = plan(partner_file, mapping, rate_scales, numbers)
    bad = _bad(mapping, numbers)
    metric_roles = [r for r in mapping.values() if r in COUNTED or r in settings.RATES]
    any_bad = " or ".join(f"b_{i}" for i, r in mapping.items() if r in COUNTED or r in settings.RATES) or "false"
    parsed = relation.project(", ".join(first))
    checked = parsed.project(", ".join(["*", *bad]))
    flagged = checked.project(", ".join(["* exclude (" + ", ".join(f"m_{r}" for r in metric_roles) + ")"
                                         if metric_roles else "*", f"({any_bad}) as bad",
                                         *[f"case when not ({any_bad}) then m_{r} end as m_{r}" for r in metric_roles]]))
    aggregates = ["count(*) as n_rows", "count_if(bad) as n_bad"]
    for role in metric_roles:
        aggregates.append(f"sum(m_{role}) as s_{role}")
        if role in settings.RATES:          # rates kept as reported are averaged over the rows that give one
            aggregates.append(f"count(m_{role}) as n_{role}")
    for rate, (_, bases) in settings.RATES.items():
        if rate in metric_roles:
            for base in bases:
                if base in metric_roles:
                    aggregates.append(f"sum(m_{rate} * m_{base}) as x_{rate}_{base}")
    for index, role in mapping.items():
        if role in COUNTED or role in settings.RATES:
            aggregates.append(f"count_if(b_{index}) as bad_{index}")
    grouped = flagged.aggregate(", ".join([*keys, *aggregates]), ", ".join(keys))
    return _run_with_progress(con, grouped.df, progress)


def _run_with_progress(con, run, progress: Progress | None):
    """Run a DuckDB query in a worker thread and report its progress from this one (Streamlit draws from here)."""
    if progress is None:
        return run()
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = run()
        except BaseException as error:  # handed back to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.15)
        try:
            done = con.query_progress()
        except duckdb.Error:
            done = -1
        if done >= 0:
            progress(min(done, 100.0) / 100, "parse")
    if "error" in outcome:
        raise outcome["error"]
    progress(1.0, "parse")
    return outcome["value"]


def locate(con, partner_file: PartnerFile, mapping: dict[int, str], rate_scales: dict[int, float],
           flagged: pd.DataFrame | None, limit: int = 1000) -> pd.DataFrame:
    """Line numbers and cells of the rows to show: unreadable numbers, and rows of the flagged groups (totals…)."""
    first, keys = plan(partner_file, mapping, rate_scales)
    numbered = partner_file.relation(con).project("row_number() over () as rn, *")
    parsed = numbered.project(", ".join(["rn", *[f"c{i} as t_{i}" for i in mapping], *first]))
    checked = parsed.project(", ".join(["*", *_bad(mapping)]))
    bad_columns = [f"b_{i}" for i, r in mapping.items() if r in COUNTED or r in settings.RATES]
    wanted = [checked.filter(" or ".join(bad_columns)).project("*, null::varchar as reason").limit(limit)] if bad_columns else []
    if flagged is not None and len(flagged):
        groups = con.from_df(flagged[[*keys, "reason"]]).set_alias("g")
        condition = " and ".join(f"r.{k} is not distinct from g.{k}" for k in keys)
        joined = checked.set_alias("r").join(groups, condition, how="inner")
        wanted.append(joined.project(", ".join(["r.*", "g.reason"])).limit(limit))
    if not wanted:
        return pd.DataFrame()
    frames = [w.df() for w in wanted]
    found = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) else frames[0]
    found = found.sort_values("rn").reset_index(drop=True)
    found["line"] = [partner_file.line_of(int(n)) for n in found["rn"]]
    return found


def read_table(con, partner_file: PartnerFile, limit: int | None = None) -> pd.DataFrame:
    """The whole sheet as text (press exports and other small files read row by row)."""
    relation = partner_file.relation(con).project("row_number() over () as rn, *")
    if limit:
        relation = relation.limit(limit)
    frame = relation.df()
    frame["line"] = [partner_file.line_of(int(n)) for n in frame["rn"]]
    return frame
