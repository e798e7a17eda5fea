"""Strings of the partner-file reader (connectors/partner_file): formats, layouts, vocabulary (issue 12)."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "reader.file.scanned_pdf": (
        "« {file} » est un PDF scanné : une image, sans texte à lire. Ajoutez-le comme photo dans la partie « Photos du déploiement » (galerie), et demandez au partenaire ses chiffres en tableau (CSV, Excel ou PDF avec texte).",
        "'{file}' is a scanned PDF: a picture, with no text to read. Add it as a photo under \"Deployment pictures\" (gallery), and ask the partner for the figures as a table (CSV, Excel or a PDF with text)."),
    "reader.file.bad_pdf": (
        "« {file} » ne peut pas être lu comme un PDF (fichier abîmé ou protégé) : demandez au partenaire un autre export.",
        "'{file}' cannot be read as a PDF (damaged or protected file): ask the partner for another export."),
    "reader.feed.date": ("Date", "Date"),
    "reader.feed.title": ("Titre", "Title"),
    "reader.feed.outlet": ("Média", "Outlet"),
    "reader.feed.url": ("URL", "URL"),
    "reader.column.platform": ("Plateforme", "Platform"),
}
