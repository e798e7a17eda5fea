"""Subcommands of `python -m resonance`: each module defines register(subparsers) and sets `run` on its parser."""
