"""One error hierarchy: every exception class of the project is a ResonanceError, shown once per page and in the CLI."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from streamlit.testing.v1 import AppTest

import connectors
import queries
import resonance
from resonance.errors import InputError, ResonanceError, StoreBusy, StoreError, StoreTooNew


def _modules():
    for package in (resonance, connectors, queries):
        yield package
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name == "resonance.__main__":
                continue
            yield importlib.import_module(info.name)


def test_every_exception_class_of_the_project_is_a_resonance_error():
    found, outside = set(), []
    for module in _modules():
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.add(value)
                if not issubclass(value, ResonanceError):
                    outside.append(f"{module.__name__}.{name}")
    assert outside == []
    assert len(found) >= 17          # the 16 classes the issue counted, plus StoreTooNew


@pytest.mark.parametrize(("problems", "listed", "text"), [
    ("Le fichier «\u202fa.csv\u202f» est vide.", ["Le fichier «\u202fa.csv\u202f» est vide."], "Le fichier «\u202fa.csv\u202f» est vide."),
    (["Ligne 3, colonne «\u202fClics\u202f» : «\u202fabc\u202f» n'est pas un nombre.", "Ligne 4 : date manquante."],
     ["Ligne 3, colonne «\u202fClics\u202f» : «\u202fabc\u202f» n'est pas un nombre.", "Ligne 4 : date manquante."],
     "Ligne 3, colonne «\u202fClics\u202f» : «\u202fabc\u202f» n'est pas un nombre.\nLigne 4 : date manquante."),
    ([], [], ""),
])
def test_an_input_error_keeps_each_problem_and_reads_as_one_sentence_per_line(problems, listed, text):
    error = InputError(problems)
    assert error.problems == listed
    assert str(error) == text
    assert isinstance(error, ResonanceError)


def test_store_refusals_are_store_errors():
    assert issubclass(StoreBusy, StoreError) and issubclass(StoreTooNew, StoreError)
    assert issubclass(StoreError, ResonanceError) and not issubclass(StoreError, InputError)


def _page_that_refuses():
    import streamlit as st

    from resonance import ui
    from resonance.services.sources import SourcesError

    class Page:
        def run(self):
            st.write("avant")
            raise SourcesError("Le fichier «\u202fsources.toml\u202f», source «\u202fmatomo\u202f» : la clé «\u202furl\u202f» manque.")

    ui.run_page(Page())
    st.write("après")


def test_a_refusal_a_page_did_not_catch_is_shown_once_as_its_sentence_and_the_app_goes_on():
    app = AppTest.from_function(_page_that_refuses, default_timeout=30).run()
    assert not app.exception
    assert [e.value for e in app.error] == ["Le fichier «\u202fsources.toml\u202f», source «\u202fmatomo\u202f» : la clé «\u202furl\u202f» manque."]
    assert [m.value for m in app.markdown] == ["avant", "après"]

