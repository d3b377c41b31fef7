"""Business cases on HM Treasury's five-case model."""
