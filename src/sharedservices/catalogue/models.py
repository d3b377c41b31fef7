"""Service areas and their categories (Wyre Forest District Council, Cabinet, 2007,
§3.3; Nottinghamshire County Council, Shared Services Review Group, 2012, §5)."""

from __future__ import annotations

from django.db import models


class ServiceCategory(models.TextChoices):
    """The first level of the service-area taxonomy (Wyre Forest District Council,
    Cabinet, 2007, §3.3; Nottinghamshire County Council, Shared Services Review Group,
    2012, §5)."""

    CORPORATE = "corporate", "Corporate / back office"
    FRONT_LINE = "front-line", "Front line"


class ServiceArea(models.Model):
    """The second level of the taxonomy; created by the register's data migration 0003."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    category = models.CharField(max_length=20, choices=ServiceCategory.choices)

    class Meta:
        # The table and its migrations stay with the register, where the model was
        # born: moving them between apps would rewrite other apps' migration history
        # while other branches add migrations that point at "registry.ServiceArea".
        app_label = "registry"
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name
