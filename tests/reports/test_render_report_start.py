"""``manage.py render_report`` starts without Django's system checks: they would load
every URL configuration, and with it every view and the whole API, before a report
that needs none of them (1.5-2.5 s of the command's time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from django.core.management import execute_from_command_line
try:  # as manage.py runs it (call_command would skip the checks anyway)
    execute_from_command_line(["manage.py", "render_report", "1", "--council", "E07000121",
                               "--meeting", "executive", "--format", "pdf",
                               "--output", sys.argv[1]])
except (Exception, SystemExit) as error:  # an empty database: no such table
    print("stopped:", type(error).__name__, file=sys.stderr)
loaded = [m for m in ("sharedservices.urls", "sharedservices.api.main") if m in sys.modules]
print(",".join(loaded) or "none")
"""


def test_the_command_loads_no_url_configuration_or_api(tmp_path):
    # An empty SQLite database of its own, whatever database the suite runs on (CI's
    # PostgreSQL holds the demo, where the command would simply succeed).
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "sharedservices.settings",
        "SHAREDSERVICES_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "out.pdf")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "stopped:" in done.stderr  # it did run, on an empty database
    assert done.stdout.strip() == "none", done.stdout
