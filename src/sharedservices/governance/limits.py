"""How long each governance field may be: said once, read by the models, the forms, the
move declarations (the API's schemas) and the services' own checks."""

from __future__ import annotations

TEXT = 20_000  # findings, reasons, documents: a committee paper's worth
REASON = 2_000  # why a case is not pursued: a paragraph, shown in public lists
MINUTE_REFERENCE = 100  # "Cabinet minute 42 (2026/27)", as the council's minutes give it
FORWARD_PLAN_WHAT = 300
NAME = 200  # a decision maker, a milestone, its owner
MAX_GBP = 10**12  # exit costs: whole pounds, under £1 trillion
