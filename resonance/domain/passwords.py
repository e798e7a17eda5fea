"""Password strength: at least 12 characters and not a common password dressed up (digits, symbols, capitals, l33t).

The list is shipped here, not downloaded: the bases of the passwords found first in public leak
statistics (English and French), which guessers try first with digits and symbols around them.
"""
from __future__ import annotations

import re

from resonance.domain.names import fold

MIN_LENGTH = 12

COMMON = frozenset("""
password passw0rd passwd motdepasse mdp secret azerty azertyuiop qwerty qwertyuiop qwertz abc abcd abcdef
abcdefgh iloveyou jetaime loveyou love amour admin administrator administrateur root toor user utilisateur
welcome bienvenue letmein login connexion monkey dragon master shadow sunshine princess football soccer
baseball superman batman starwars pokemon naruto charlie michael jordan jennifer thomas nicolas camille
marseille paris lyon france soleil bonjour salut chocolat doudou loulou chouchou coucou nounours
test testing changeme default guest invite trustno1 whatever freedom hello hello123 computer ordinateur
internet google samsung apple orange free bouygues sfr summer winter spring autumn ete hiver printemps
automne janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
monday lundi mardi mercredi jeudi vendredi samedi dimanche resonance gouvernement ministere marianne
republique campagne partenaire qwerty123 azerty123 zaq12wsx 1qaz2wsx qazwsx asdfgh asdfghjkl zxcvbn
zxcvbnm wxcvbn poiuytreza ninja mustang access flower hunter killer pepper ginger buster tigger
""".split())

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm")


def _is_run(text: str) -> bool:
    """Only a keyboard or alphabet run (forwards or backwards), or one character repeated."""
    if len(set(text)) <= 2:
        return True
    return any(text in seq or text in seq[::-1] for seq in _SEQUENCES) if len(text) >= 4 else False


def weakness(password: str) -> str | None:
    """Why a password is too weak ("short", "common"), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "short"
    folded = fold(password)
    letters = re.sub(r"[^a-z0-9]+", "", folded)
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", folded)        # password1234!, 2024motdepasse
    for candidate in {folded, letters, core, core.translate(_LEET), letters.translate(_LEET),
                      re.sub(r"[^a-z]+", "", folded.translate(_LEET))}:
        if not candidate or candidate in COMMON or _is_run(candidate):
            return "common"
        # the same common word repeated (azertyazerty, motdepassemotdepasse)
        for size in range(3, len(candidate) // 2 + 1):
            if len(candidate) % size == 0 and candidate[:size] * (len(candidate) // size) == candidate:
                if candidate[:size] in COMMON or _is_run(candidate[:size]):
                    return "common"
    return None
