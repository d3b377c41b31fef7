"""``python manage.py load_councils``: build councils, neighbours and boundaries
from ONS data. Idempotent: a re-run with nothing changed writes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sharedservices.councils.geography_loading import load_geography, save_geography
from sharedservices.councils.loading import CouncilDataError, load_councils


class Command(BaseCommand):
    help = "Build councils, successors, neighbours and boundaries from ONS open data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-geography",
            action="store_true",
            help="Load the council records only (skips centroids, neighbours and boundaries).",
        )

    def handle(self, *args, no_geography=False, **options):
        geo = None
        postcode_codes = None
        if not no_geography:
            cache_dir = Path(settings.GEOGRAPHY_CACHE_DIR)
            self.stdout.write(f"Geography: {cache_dir} (built once per data version, ~75 s)")
            geo = load_geography(cache_dir)
            # The geography read the postcode directory already: reuse its codes.
            postcode_codes = {code for code, g in geo.councils.items() if g.tier == "lower"}
        try:
            report = load_councils(postcode_codes)
        except CouncilDataError as exc:
            raise CommandError(
                "Council data is inconsistent; nothing was written:\n" + str(exc)
            ) from exc
        self.stdout.write(
            f"Councils: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.links_changed} links changed."
        )
        if geo is not None:
            g = save_geography(geo)
            self.stdout.write(
                f"Geography {geo.data_version}: {g.councils_updated} councils updated, "
                f"{g.neighbour_links_changed} neighbour links changed, boundaries "
                f"{'stored' if g.boundaries_stored else 'unchanged'}."
            )
