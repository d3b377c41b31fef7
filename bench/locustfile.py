"""The load benchmark (issue 12.8): the public register, map and statistics pages, and
signed-in officers reading their business cases, against a running server.

Run it headless for a short time against a local server (the demo, or gunicorn on
PostgreSQL as production runs), e.g.::

    scripts/demo &                      # or: gunicorn sharedservices.wsgi -w 3
    uv run locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s \\
        --host http://127.0.0.1:8000 --only-summary

At the end it prints one line: requests, p50 and p95 in milliseconds, and errors,
against the goal (p95 under 300 ms and no errors at 50 users on two cores). It is a
benchmark, never part of the test suite or CI. Signed-in users are the demo's officers
(``DEMO_PASSWORD``, as ``manage.py demo`` set it). With ``LOAD_SAMPLES=FILE`` it also
writes every request (seconds from the start, page, milliseconds, failed) to FILE as
CSV, to see which pages are slow when.
"""

from __future__ import annotations

import os
import random
import re
import time

from locust import HttpUser, between, events, task

DEMO_COUNCILS = ["lancaster", "preston", "south-ribble", "chorley", "west-lancashire"]
PASSWORD = os.environ.get("DEMO_PASSWORD", "shared-services-demo")
GOAL_P95_MS = 300
# The officers sign in as they start (a password check is about 0.35 s of CPU and 100 MiB
# by design: Argon2id), all within the first seconds; the summary also gives the figures
# for requests started after this many seconds, when every user is browsing.
SETTLED_AFTER_S = float(os.environ.get("LOAD_SETTLED_AFTER_S", "15"))
_STARTED = time.time()
_SAMPLES: list[tuple[float, str, float, bool]] = []  # (start, page, milliseconds, failed)
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CASE = re.compile(r'href="(/cases/\d+/)"')
_ARRANGEMENT = re.compile(r'href="(/register/\d+/)"')


class PublicVisitor(HttpUser):
    """Someone reading the national register, map and statistics without signing in."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/register/", name="/register/")
        self.arrangements = _ARRANGEMENT.findall(page.text)[:50] or ["/register/"]

    @task(4)
    def register(self):
        self.client.get("/register/", name="/register/")

    @task(3)
    def arrangement(self):
        self.client.get(random.choice(self.arrangements), name="/register/<id>/")

    @task(2)
    def map_page(self):
        self.client.get("/map/", name="/map/")

    @task(2)
    def stats(self):
        self.client.get("/stats/", name="/stats/")


def _secure_cookies_over_http(client) -> None:
    """Production marks the session and CSRF cookies Secure. Behind the real service TLS
    ends at the proxy; here the benchmark talks plain HTTP to gunicorn, so after every
    response the client forgets the Secure flag and sends the cookies back (the server
    and its settings are unchanged)."""
    send = client.request

    def request(*args, **kwargs):
        response = send(*args, **kwargs)
        for cookie in client.cookies:
            cookie.secure = False
        return response

    client.request = request


class CouncilOfficer(HttpUser):
    """A council officer signed in, reading the business cases their council can see."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        _secure_cookies_over_http(self.client)
        council = random.choice(DEMO_COUNCILS)
        form = self.client.get("/accounts/sign-in/", name="/accounts/sign-in/")
        token = _CSRF.search(form.text)
        self.client.post(
            "/accounts/sign-in/",
            {
                "username": f"officer@{council}.demo.example.org",
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/accounts/sign-in/"},
            name="/accounts/sign-in/ (POST)",
            allow_redirects=False,  # the redirect would be followed before the flag goes
        )
        cases = self.client.get("/cases/", name="/cases/")
        self.cases = _CASE.findall(cases.text) or ["/cases/"]

    @task(2)
    def case_list(self):
        self.client.get("/cases/", name="/cases/")

    @task(4)
    def case(self):
        self.client.get(random.choice(self.cases), name="/cases/<id>/")

    @task(2)
    def case_options(self):
        self.client.get(random.choice(self.cases) + "options/", name="/cases/<id>/options/")

    @task(1)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/")


@events.test_start.add_listener
def _started(environment, **kwargs):
    global _STARTED
    _STARTED = time.time()


@events.request.add_listener
def _sample(request_type, name, response_time, exception=None, start_time=None, **kwargs):
    _SAMPLES.append((start_time or time.time(), name, response_time, exception is not None))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@events.quitting.add_listener
def _summary(environment, **kwargs):
    total = environment.stats.total
    if not total.num_requests:
        print("load: no requests were made (is the server running?)")
        environment.process_exit_code = 1
        return
    p50 = total.get_response_time_percentile(0.50)
    p95 = total.get_response_time_percentile(0.95)
    users = getattr(environment.parsed_options, "num_users", "?")
    verdict = "met" if p95 < GOAL_P95_MS and total.num_failures == 0 else "NOT met"
    print(
        f"load: {total.num_requests} requests, {users} users, p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms, {total.num_failures} errors "
        f"(goal p95 < {GOAL_P95_MS} ms and 0 errors: {verdict})"
    )
    settled = [
        (ms, failed) for start, _, ms, failed in _SAMPLES if start >= _STARTED + SETTLED_AFTER_S
    ]
    if settled:
        times = [ms for ms, _ in settled]
        errors = sum(failed for _, failed in settled)
        print(
            f"load: after the first {SETTLED_AFTER_S:.0f} s (every user started and signed in): "
            f"{len(settled)} requests, p50 {_percentile(times, 0.50):.0f} ms, "
            f"p95 {_percentile(times, 0.95):.0f} ms, {errors} errors"
        )
    if os.environ.get("LOAD_SAMPLES"):
        with open(os.environ["LOAD_SAMPLES"], "w") as out:
            out.write("start_s,page,ms,failed\n")
            for start, name, ms, failed in _SAMPLES:
                out.write(f"{start - _STARTED:.3f},{name},{ms:.1f},{int(failed)}\n")
