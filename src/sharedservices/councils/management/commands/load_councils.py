"""``python manage.py load_councils``: build councils, neighbours and boundaries
from ONS data. Idempotent: a re-run with nothing changed writes nothing.

``--check`` writes nothing: it compares the curated file, the two ONS packages and
the database, prints every problem and fails if there is one (CI runs it)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sharedservices.councils.checking import check_database, check_sources
from sharedservices.councils.geography_loading import load_geography, save_geography
from sharedservices.councils.loading import (
    CURATED_FILE,
    CouncilDataError,
    load_councils,
    read_sources,
)


class Command(BaseCommand):
    help = "Build councils, successors, neighbours and boundaries from ONS open data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-geography",
            action="store_true",
            help="Load the council records only (skips centroids, neighbours and boundaries).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; report every disagreement between the curated file, the ONS "
            "packages and the database, and exit non-zero if there is any.",
        )
        parser.add_argument(
            "--curated",
            type=Path,
            default=CURATED_FILE,
            help="With --check: the curated file to check (e.g. an edited copy before it "
            "replaces the real one).",
        )

    def _postcode_codes(self):
        cache_dir = Path(settings.GEOGRAPHY_CACHE_DIR)
        self.stdout.write(f"Geography: {cache_dir} (built once per data version, ~75 s)")
        geo = load_geography(cache_dir)
        # The geography read the postcode directory already: reuse its codes.
        return geo, {code for code, g in geo.councils.items() if g.tier == "lower"}

    def handle(self, *args, no_geography=False, check=False, curated=CURATED_FILE, **options):
        if check:
            return self.check_data(curated)
        geo = None
        postcode_codes = None
        if not no_geography:
            geo, postcode_codes = self._postcode_codes()
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

    def check_data(self, curated: Path):
        """Named apart from BaseCommand.check (the system checks run before handle)."""
        _, postcode_codes = self._postcode_codes()
        problems, records = check_sources(read_sources(postcode_codes, curated_path=curated))
        if records:
            problems += check_database(records)
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            kinds = sorted({p.kind for p in problems})
            raise CommandError(
                f"{len(problems)} problem(s) in the council data ({', '.join(kinds)}); "
                "see docs/councils.md for how to settle them."
            )
        self.stdout.write(
            f"Council data checked: {len(records)} councils, the curated file, both ONS packages "
            "and the database agree."
        )
