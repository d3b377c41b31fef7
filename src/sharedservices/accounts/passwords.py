"""Password strength: Django's validators stop short and common passwords, but not
``aaaaaaaaaaaa`` or ``qwertyuiop12``, which are 12 characters and guessed at once.
zxcvbn estimates how many guesses a password takes, knowing keyboard patterns,
repeats, dates, dictionary words and the user's own name and address."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn

# zxcvbn slows down sharply on very long input; the first 72 characters decide.
CHECKED_LENGTH = 72


class StrengthValidator:
    """Refuse passwords zxcvbn scores below ``min_score`` (0 to 4; 3 is "safely
    unguessable: moderate protection from offline slow-hash attacks")."""

    def __init__(self, min_score: int = 3):
        self.min_score = min_score

    def validate(self, password: str, user=None) -> None:
        hints = [v for v in (getattr(user, "email", ""), getattr(user, "full_name", "")) if v]
        hints += [part for hint in hints for part in hint.replace("@", " ").split()]
        result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=hints)
        if result["score"] < self.min_score:
            warning = result["feedback"].get("warning") or "It would be easy to guess."
            raise ValidationError(
                f"Choose a password that is harder to guess. {warning} Try three or four "
                "unrelated words.",
                code="password_too_guessable",
            )

    def get_help_text(self) -> str:
        return "Your password must be hard to guess: three or four unrelated words work well."
