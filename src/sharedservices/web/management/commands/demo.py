"""``python manage.py demo``: one command for a working demo on the embedded
database. Migrates, loads councils from ONS data, adds each app's demo data,
and prints the sign-in details. Safe to run again."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sharedservices.accounts.demo import demo_password, load_demo_users
from sharedservices.base.revisions import UNCHECKED
from sharedservices.benefits.demo import load_demo_benefits
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase
from sharedservices.cases.services import case_update
from sharedservices.governance.demo import load_demo_governance
from sharedservices.programme.demo import load_demo_programmes
from sharedservices.programme.models import Opportunity
from sharedservices.registry.demo import load_demo_arrangements
from sharedservices.reports.demo import load_demo_reports

# Each demo business case and the demo opportunity it was started from (lead, area).
CASE_OPPORTUNITIES = {
    "Shared Revenues and Benefits service (demo)": ("E07000121", "revenues-benefits"),
    "Cumbrian building control partnership (demo)": ("E06000063", "building-control"),
}


def _link_cases_to_opportunities() -> None:
    """The demo opportunities are made afresh on every run; link the demo cases to them
    again, through the case service so the case keeps its version history."""
    for title, (lead, area) in CASE_OPPORTUNITIES.items():
        case = BusinessCase.objects.filter(title=title, is_demo=True).first()
        opportunity = Opportunity.objects.filter(
            is_demo=True, council_id=lead, service_area__slug=area
        ).first()
        writer = (
            case.lead_council.users.filter(email__startswith="officer@").first() if case else None
        )
        if case and opportunity and writer and case.opportunity_id != opportunity.pk:
            case.opportunity = opportunity
            case_update(case=case, user=writer, expected_revision=UNCHECKED)


class Command(BaseCommand):
    help = "Create the database, load councils and demo data, and print demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Allow demo users on a non-DEBUG deployment."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users with a known password when DEBUG is off"
                " (use --force)."
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_councils", stdout=self.stdout)
        # The real, curated arrangements first: a demo partnership that is also a real
        # record is then shown once, as the real one.
        call_command("load_register", stdout=self.stdout)
        logins = load_demo_users()
        self.stdout.write(f"Register: {load_demo_arrangements()} demo arrangements.")
        self.stdout.write(f"Business cases: {load_demo_cases()} demo cases created.")
        self.stdout.write(f"Programmes: {load_demo_programmes()} demo opportunities.")
        _link_cases_to_opportunities()
        self.stdout.write(
            f"Governance: {load_demo_governance()} Mid Lancashire cases at every state created."
        )
        self.stdout.write(f"Benefits: {load_demo_benefits()} demo figures entered.")
        self.stdout.write(f"Committee reports: {load_demo_reports()} demo report published.")
        self.stdout.write(
            self.style.SUCCESS("\nDemo ready. Sign in at http://127.0.0.1:8000/accounts/sign-in/")
        )
        self.stdout.write(f"Password for every demo user: {demo_password()}\n")
        width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.email.ljust(width)}  {login.role:<22} {login.council}")
