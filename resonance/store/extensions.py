"""The DuckDB extensions a lake store needs (ducklake, postgres), loaded from their Python packages: nothing downloaded."""
from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from resonance.errors import StoreError
from resonance.i18n import t
from resonance.store.literals import sql_string

# extension -> (the package that ships its signed build, the file name DuckDB must load it under)
PACKAGES = {
    "ducklake": ("duckdb_extension_ducklake", "ducklake"),
    # DuckDB names the postgres extension "postgres_scanner" inside; LOAD takes that name from the file name
    "postgres": ("duckdb_extension_postgres", "postgres_scanner"),
}


class ExtensionMissing(StoreError):
    """The package of an extension is not installed, or was built for another DuckDB."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "resonance" / "duckdb-extensions" / f"v{duckdb.__version__}"


def extension_file(name: str) -> Path:
    """The extension file for this DuckDB's version, under the file name DuckDB expects."""
    module, load_name = PACKAGES[name]
    try:
        package = importlib.import_module(module)
    except ImportError as error:
        raise ExtensionMissing(t("extensions.missing", name=name,
                                 command=f"pip install {module.replace('_', '-')}=={duckdb.__version__}")) from error
    shipped = Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not shipped.is_file():
        raise ExtensionMissing(t("extensions.no_build", name=name, version=duckdb.__version__,
                                 command=f"pip install {module.replace('_', '-')}=={duckdb.__version__}"))
    if load_name == name:
        return shipped
    return _renamed(shipped, load_name)


def _renamed(shipped: Path, load_name: str) -> Path:
    """A link (or copy) named `load_name`.duckdb_extension in a writable cache, made once, atomically."""
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / f"resonance-duckdb-extensions-{os.getuid()}"
                   / f"v{duckdb.__version__}"):
        target = folder / f"{load_name}.duckdb_extension"
        try:
            if target.resolve() == shipped.resolve() or (target.is_file() and not target.is_symlink()
                                                         and target.stat().st_size == shipped.stat().st_size):
                return target
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f".{load_name}.{os.getpid()}.part"
            partial.unlink(missing_ok=True)
            try:
                partial.symlink_to(shipped)
            except OSError:          # a file system without links: a copy
                shutil.copyfile(shipped, partial)
            partial.replace(target)  # several processes may do this at once: the last rename wins, all equal
            return target
        except OSError:
            continue
    raise ExtensionMissing(t("extensions.no_folder", name=load_name))


def load(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """LOAD each extension (all of PACKAGES by default) into the connection's database from its package."""
    for name in names or tuple(PACKAGES):
        con.execute(f"load {sql_string(extension_file(name))}")
