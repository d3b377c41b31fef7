"""Curated records (issue 30): each arrangement's reference in the curated file, and
each source's date and the date it was checked."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_history_protected")]

    operations = [
        migrations.AddField(
            model_name="arrangement",
            name="curated_ref",
            field=models.CharField(
                blank=True,
                help_text="The row's reference in the curated file "
                "(registry/data/arrangements.csv); empty for records entered by councils "
                "or generated for the demo.",
                max_length=80,
            ),
        ),
        migrations.AddField(
            model_name="arrangementsource",
            name="published",
            field=models.CharField(
                blank=True,
                help_text="The source's date as it gives it: 2019, 2019-05 or 2019-05-14.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="arrangementsource",
            name="checked_on",
            field=models.DateField(
                blank=True,
                help_text="When someone last read the source and found it says this.",
                null=True,
            ),
        ),
        migrations.AddConstraint(
            model_name="arrangement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("curated_ref", ""), _negated=True),
                fields=("curated_ref",),
                name="one_arrangement_per_curated_ref",
            ),
        ),
    ]
