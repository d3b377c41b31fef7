"""Create one group per role, so roles exist before any user is given one."""

from django.db import migrations

ROLES = [
    "officer",
    "director",
    "lead-officer",
    "lead-member",
    "scrutiny-member",
    "executive-member",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
