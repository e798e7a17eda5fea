"""Partner files (CSV, Excel) as partners and ad platforms really send them, turned into canonical rows.

- `reader.open_file(bytes | path, name)` sniffs encoding, separator, title lines and header (`PartnerFile`);
- `mapping.propose(headers, preset=, saved=)` suggests a role per column (presets + FR/EN synonyms, `settings`);
- `engine.parse(...)` reads, parses and adds up the rows in an in-memory DuckDB (never the store), one pass;
- `dates.parse_many(...)` reads the dates, French or English, days or months or ranges.

The service that puts it together for the page and the command line is `resonance.importing`.
"""
from connectors.partner_file.reader import FileShape, PartnerFile, PartnerFileError, open_file

__all__ = ["FileShape", "PartnerFile", "PartnerFileError", "open_file"]
