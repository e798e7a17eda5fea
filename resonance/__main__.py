"""Entry point of `python -m resonance`."""
import sys

from resonance.cli import main

sys.exit(main())
