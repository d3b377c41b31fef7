"""Service areas the real, curated arrangements need (issue 30): councils share trading
standards, highways, libraries, education support, public health and property services,
and the register could not say so."""

from django.db import migrations

SERVICE_AREAS = [
    # (slug, name, category)
    ("property", "Property and facilities", "corporate"),
    ("trading-standards", "Trading standards", "front-line"),
    ("highways", "Highways and transport", "front-line"),
    ("libraries", "Libraries", "front-line"),
    ("education", "Education and schools support", "front-line"),
    ("public-health", "Public health", "front-line"),
]


def create(apps, schema_editor):
    ServiceArea = apps.get_model("registry", "ServiceArea")
    for slug, name, category in SERVICE_AREAS:
        ServiceArea.objects.update_or_create(
            slug=slug, defaults={"name": name, "category": category}
        )


def remove(apps, schema_editor):
    apps.get_model("registry", "ServiceArea").objects.filter(
        slug__in=[slug for slug, _, _ in SERVICE_AREAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_provenance_and_curated_sources")]

    operations = [migrations.RunPython(create, remove)]
