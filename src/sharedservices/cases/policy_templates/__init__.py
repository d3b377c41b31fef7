"""Policy templates a council can adopt and then edit, drawn from the papers.

The wording is ours: each criterion restates a principle of the source paper as a test
a business case can pass, with the evidence a scrutiny committee would expect. The
``source`` of each template names the paper (``../shared/seeds/README.md``). One
module per council whose papers they come from.
"""

from __future__ import annotations

from sharedservices.cases.policy_templates.carlisle import EIGHT_POINT_PROTOCOL, TWELVE_PRINCIPLES
from sharedservices.cases.policy_templates.template import CriterionTemplate, PolicyTemplate
from sharedservices.cases.policy_templates.wyre_forest import STRATEGY_PRINCIPLES, SUCCESS_ELEMENTS

TEMPLATES: dict[str, PolicyTemplate] = {
    t.slug: t
    for t in (TWELVE_PRINCIPLES, EIGHT_POINT_PROTOCOL, STRATEGY_PRINCIPLES, SUCCESS_ELEMENTS)
}

__all__ = ["TEMPLATES", "CriterionTemplate", "PolicyTemplate"]
