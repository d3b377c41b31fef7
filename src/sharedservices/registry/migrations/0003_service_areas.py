"""The service-area taxonomy (issue 4): two levels, corporate / back office and
front line (seed 002 §3.3; seed 004 §5-6). Slugs are a stable interface: the
import format and the API use them."""

from django.db import migrations

SERVICE_AREAS = [
    # (slug, name, category)
    ("revenues-benefits", "Revenues and benefits", "corporate"),
    ("customer-services", "Customer services", "corporate"),
    ("finance", "Finance and accountancy", "corporate"),
    ("hr", "Human resources", "corporate"),
    ("payroll", "Payroll", "corporate"),
    ("procurement", "Procurement", "corporate"),
    ("ict", "ICT", "corporate"),
    ("legal", "Legal services", "corporate"),
    ("audit", "Audit", "corporate"),
    ("shared-management", "Shared management", "corporate"),
    ("training", "Training and development", "corporate"),
    ("business-continuity", "Business continuity", "corporate"),
    ("building-control", "Building control", "front-line"),
    ("licensing", "Licensing", "front-line"),
    ("environmental-health", "Environmental health", "front-line"),
    ("planning", "Planning", "front-line"),
    ("housing", "Housing", "front-line"),
    ("waste", "Waste and recycling", "front-line"),
    ("leisure", "Leisure", "front-line"),
    ("cctv", "CCTV", "front-line"),
    ("parking", "Parking", "front-line"),
    ("community-safety", "Community safety", "front-line"),
    ("emergency-planning", "Emergency planning", "front-line"),
    ("museums", "Museums", "front-line"),
    ("tourism", "Tourism", "front-line"),
    ("children-social-care", "Children's social care", "front-line"),
    ("adult-social-care", "Adult social care", "front-line"),
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
    dependencies = [("registry", "0002_organisations_service_areas_savings_history")]

    operations = [migrations.RunPython(create, remove)]
