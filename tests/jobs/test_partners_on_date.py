"""Find partners on a chosen date (issue 29): on Surrey's vesting day it offers East Surrey
and West Surrey, never a council abolished by then."""

import re

import pytest

from sharedservices.councils.models import Council
from sharedservices.jobs.models import AnalysisJob
from tests.jobs.test_pages import GOOD

pytestmark = pytest.mark.django_db

SURREY_CC = "E10000030"


def search(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/partners/", {**GOOD, "include_own": "", **changes})
    assert response.status_code == 302, re.findall(
        r'govuk-error-summary__list">(.*?)</ul', response.content.decode(), re.S
    )
    return AnalysisJob.objects.latest("pk")


def test_on_vesting_day_no_abolished_council_is_offered(
    client, officer, django_capture_on_commit_callbacks
):
    job = search(
        client,
        django_capture_on_commit_callbacks,
        county=SURREY_CC,
        on="2027-04-01",
        known_costs="",
    )
    codes = {c["code"] for c in job.input["councils"]}
    names = set(Council.objects.filter(code__in=codes).values_list("name", flat=True))
    assert names == {"East Surrey", "West Surrey"}
    assert all(
        Council.objects.get(code=c).exists_on(__import__("datetime").date(2027, 4, 1))
        for c in codes
    )
    assert "on 1 April 2027" in job.title
    # the new councils carry their predecessors' geography (no postcode has their code yet)
    west = Council.objects.get(name="West Surrey")
    assert west.postcode_count and west.latitude and west.neighbours.filter(name="East Surrey")


def test_the_day_before_offers_the_districts(client, officer, django_capture_on_commit_callbacks):
    job = search(client, django_capture_on_commit_callbacks, county=SURREY_CC, on="2027-03-31")
    assert len(job.input["councils"]) == 11
