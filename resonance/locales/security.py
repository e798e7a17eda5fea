"""Strings of hostile-input defences: bounded parsing, pictures, a busy store."""
STRINGS = {
    # cheap checks before parsing (numbers already formatted)
    "security.parse.line_too_long": (
        "« {file} » contient une ligne de plus de {kb} Ko : ce n'est pas un rapport en colonnes. Exportez de nouveau le rapport en CSV (une ligne par jour ou par ligne de chiffres) ou en Excel.",
        "'{file}' holds a line longer than {kb} KB: this is not a report in columns. Export the report again as CSV (one line per day or row of figures) or Excel."),
    "security.parse.too_many_parts": (
        "« {file} » contient {parts} éléments internes (limite : {limit}) : ce n'est pas un classeur ordinaire. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx ou en CSV.",
        "'{file}' holds {parts} internal parts (limit: {limit}): this is not an ordinary workbook. Open it in Excel or LibreOffice and save it as .xlsx or CSV."),
    "security.parse.unpacked_too_big": (
        "« {file} » occuperait plus de {mb} Mo une fois décompressé (limite : {limit} Mo). Découpez le rapport en plusieurs fichiers (par mois, par exemple) ou exportez-le en CSV.",
        "'{file}' would take more than {mb} MB once unpacked (limit: {limit} MB). Split the report into several files (by month, for instance) or export it as CSV."),
    "security.parse.ratio": (
        "« {file} » se décompresse {ratio} fois plus gros qu'il n'est (limite : {limit} fois) : c'est le signe d'un fichier piégé ou abîmé. Demandez au partenaire un nouvel export du rapport.",
        "'{file}' unpacks {ratio} times larger than it is (limit: {limit} times): the sign of a booby-trapped or damaged file. Ask the partner for a new export of the report."),
    "security.parse.too_many_rows": (
        "« {file} » annonce {rows} lignes sur une feuille (limite : {limit}). Découpez le rapport en plusieurs fichiers ou exportez-le en CSV.",
        "'{file}' declares {rows} rows on a sheet (limit: {limit}). Split the report into several files or export it as CSV."),
    "security.parse.too_many_cells": (
        "« {file} » annonce une feuille de {rows} lignes sur {columns} colonnes, soit {cells} cellules (limite : {limit}) : souvent une cellule isolée très loin du tableau. Dans Excel ou LibreOffice, supprimez les lignes et colonnes vides après le tableau, enregistrez, puis importez de nouveau.",
        "'{file}' declares a sheet of {rows} rows by {columns} columns, {cells} cells (limit: {limit}): often a stray cell far from the table. In Excel or LibreOffice, delete the empty rows and columns after the table, save, and import again."),
    # the process that parses one file
    "security.parse.memory": (
        "« {file} » demande plus de {mb} Mo de mémoire pour être lu (limite fixée par l'administrateur) : la lecture a été arrêtée, rien n'a été enregistré. Découpez le rapport en plusieurs fichiers (par mois, par exemple), puis importez-les l'un après l'autre.",
        "'{file}' needs more than {mb} MB of memory to be read (limit set by the administrator): reading was stopped and nothing was saved. Split the report into several files (by month, for instance) and import them one after the other."),
    "security.parse.timeout": (
        "La lecture de « {file} » a dépassé {seconds} secondes (limite fixée par l'administrateur) : elle a été arrêtée, rien n'a été enregistré. Découpez le rapport en plusieurs fichiers, ou importez-le en ligne de commande.",
        "Reading '{file}' took more than {seconds} seconds (limit set by the administrator): it was stopped and nothing was saved. Split the report into several files, or import it from the command line."),
    "security.parse.failed": (
        "« {file} » n'a pas pu être lu : le fichier est abîmé ou d'un format inattendu. Rien n'a été enregistré. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le en .xlsx ou en CSV, puis importez-le de nouveau.",
        "'{file}' could not be read: the file is damaged or of an unexpected format. Nothing was saved. Open it in Excel or LibreOffice, save it as .xlsx or CSV, and import it again."),
    # a page waiting for the store
    "store.wait.page": ("Un import est en cours d'enregistrement : la page attend que les données se libèrent…",
                        "An import is being saved: the page waits for the data to be free…"),
    "store.wait.long": ("Les données sont toujours occupées par un import ou une sauvegarde en cours ({seconds} s d'attente). La page les attend : rien n'est perdu, inutile de recharger.",
                        "The data is still busy with an import or a backup under way ({seconds} s so far). The page waits for it: nothing is lost, no need to reload."),
}
