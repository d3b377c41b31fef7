"""The roles a council user can hold (DESIGN.md, "Who uses it"; seed 003's roles).

Roles are stored as Django groups so an administrator can grant permissions to a
role in the admin; the slugs here are the one list of them in code.
"""

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "Officer"
    DIRECTOR = "director", "Corporate director"
    LEAD_OFFICER = "lead-officer", "Lead officer"
    LEAD_MEMBER = "lead-member", "Lead member"
    SCRUTINY_MEMBER = "scrutiny-member", "Scrutiny member"
    EXECUTIVE_MEMBER = "executive-member", "Executive member"
