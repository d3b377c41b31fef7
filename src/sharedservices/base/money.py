"""The one way a form asks for money: ``MoneyField``.

People type amounts as they write them ("£25,000", "25000", "£1.2m", "90k"); the field
reads them with ``analysis.money.parse_pounds``, the parser of every file and paste, and
names a mistake in the same words on every form. Whole pounds give an ``int`` (funding
pots, exit costs, savings a year); with ``pence=True`` a ``Decimal`` to the penny (the
costs a model multiplies: per kilometre, per postcode).
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from sharedservices.analysis.money import MoneyError, format_pounds, parse_pounds


class MoneyField(forms.Field):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def __init__(
        self,
        *,
        what: str = "the amount",
        example: int = 25000,
        pence: bool = False,
        min_value: int | Decimal | None = 0,
        max_value: int | Decimal | None = None,
        **kwargs,
    ):
        self.what, self.example, self.pence = what, example, pence
        self.min_value, self.max_value = min_value, max_value
        kwargs.setdefault(
            "error_messages",
            {"required": f"Enter {what} in pounds, for example {example}"},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (int, Decimal)):
            amount = Decimal(value)
        else:
            try:
                amount = parse_pounds(str(value))
            except MoneyError:
                raise ValidationError(
                    f"Enter {self.what} as an amount in pounds, for example {self.example}",
                    code="invalid",
                ) from None
        if self.pence:
            if amount != amount.quantize(Decimal("0.01")):
                raise ValidationError(f"Enter {self.what} to the penny at most", code="invalid")
            return amount.quantize(Decimal("0.01"))
        if amount != amount.to_integral_value():
            raise ValidationError(
                f"Enter {self.what} in whole pounds, like {self.example}", code="invalid"
            )
        return int(amount)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            least = (
                "0 or more"
                if self.min_value == 0
                else f"at least {format_pounds(self.min_value, pence=self.pence)}"
            )
            raise ValidationError(f"{self.what.capitalize()} must be {least}", code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                f"{self.what.capitalize()} must be at most {format_pounds(self.max_value)}",
                code="max_value",
            )

    def prepare_value(self, value):
        """An amount as it was stored, without a trailing ".00" for whole pounds."""
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(int(value))
        return value
