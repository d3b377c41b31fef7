"""What a policy template is: a named set of criteria a council can adopt and edit.

The wording is ours: each criterion restates a principle of the source paper as a test
a business case can pass, with the evidence a scrutiny committee would expect. The
``source`` of each template names the paper (``../shared/seeds/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CriterionTemplate:
    key: str
    reference: str
    title: str
    text: str
    guidance: str


@dataclass(frozen=True)
class PolicyTemplate:
    slug: str
    name: str
    source: str
    summary: str
    lead_officer: str = ""
    lead_member: str = ""
    scrutiny_committee: str = ""
    decision_body: str = ""
    criteria: tuple[CriterionTemplate, ...] = field(default_factory=tuple)
