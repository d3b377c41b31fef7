"""``python manage.py export_arrangements --format csv|json [--output FILE]``."""

import io
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from sharedservices.registry.exporting import export_arrangements
from sharedservices.registry.models import Arrangement


class Command(BaseCommand):
    help = "Export arrangements in the import format (see docs/register.md)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="Default: standard output.")
        parser.add_argument(
            "--public-only", action="store_true", help="Only live and ended arrangements."
        )

    def handle(self, *args, format="csv", output=None, public_only=False, **options):
        arrangements = Arrangement.objects.public() if public_only else Arrangement.objects.all()
        if output is None:
            buffer = io.StringIO()
            export_arrangements(arrangements, buffer, fmt=format)
            self.stdout.write(buffer.getvalue(), ending="")
            return
        with output.open("w", encoding="utf-8", newline="") as out:
            n = export_arrangements(arrangements, out, fmt=format)
        sys.stderr.write(f"Exported {n} arrangement(s) to {output}\n")
