"""Partner files (CSV/TSV/TXT, Excel, ODS, PDF, feeds) as partners and platforms really send them, turned into rows.

- `reader.open_file(bytes | path, name)` sniffs the format, encoding, separator, title lines and header
  (`PartnerFile`; the shape's optional fields — period, dated, weeks, scales, notes, checks, totals rows,
  candidates, platform — are described in `shape`); `text_files` reads CSV/TSV/TXT, `grids` sheets and
  other grids, `proposed.candidate_figures` values the reader's proposals;
- `formats` reads small text files, PDF tables and RSS/Atom feeds into a grid; `layout` shapes a grid
  (title lines, one- or two-row header, column groups, notes below the table, totals rows);
- `vocabulary` reads `vocabulary.csv` (synonyms, units, scales, channel, PESO, AMEC stage, platforms);
- `mapping.propose(headers, preset=, saved=, sample=)` suggests a role per column (platform line, channel
  line, generic line; dates found from the cells), `mapping.candidates(...)` the partner-defined metrics;
- `engine.parse(...)` reads, parses and adds up the rows in an in-memory DuckDB (never the store), one pass;
- `dates.parse_many(...)` reads the dates, French or English, days or months or ranges; `dates.choose_order(...)`
  decides day/month or month/day for numeric dates by evidence (13+, the campaign, the title, the words, the series).

The service that puts it together for the page and the command line is `resonance.ingest.importing`.
"""
from connectors.partner_file.reader import FileShape, PartnerFile, PartnerFileError, open_file

__all__ = ["FileShape", "PartnerFile", "PartnerFileError", "open_file"]
