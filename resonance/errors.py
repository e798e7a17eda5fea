"""One error hierarchy: every refusal the app or the CLI shows is a ResonanceError whose text is the sentence to show."""
from __future__ import annotations


class ResonanceError(Exception):
    """Something Résonance refuses or cannot do; `str(error)` is a sentence for the reader (French first)."""


class InputError(ResonanceError):
    """Bad input (a file, a form, a declaration): one sentence per problem naming file, row and column and the fix.

    Nothing was written when it is raised.
    """

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else [str(p) for p in problems]
        super().__init__("\n".join(self.problems))


class StoreError(ResonanceError):
    """A store problem said in words a manager can act on."""


class StoreBusy(StoreError):
    """Another process held the store for longer than the lock timeout."""


class StoreTooNew(StoreError):
    """The store was made by a newer Résonance: it is refused, and nothing is changed."""
