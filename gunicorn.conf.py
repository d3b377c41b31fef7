"""Gunicorn's settings for serving the hub (read by gunicorn from the checkout's root).

    DJANGO_SETTINGS_MODULE=sharedservices.settings_production uv run gunicorn sharedservices.wsgi

Pages are mostly Python (templates) with short database waits, so each core gets a
process (``WEB_CONCURRENCY`` workers, default the core count plus one) and each
process a few threads to overlap those waits (``GUNICORN_THREADS``). The load
benchmark (README, "Load") was measured with these defaults on two cores. Options on
the command line (``--workers``, ``--bind``) still win.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
# Four threads, not two: a sign-in holds its thread while its password hash is worked
# out at a lower priority (accounts/hashers.py); with two, two sign-ins at once left a
# process no thread for pages. Waiting threads cost no CPU.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# Load the application (every view, see ``wsgi.py``) once in the master and fork
# workers from it: a worker starts, or restarts after ``max_requests``, ready to serve.
# Nothing opens a database or broker connection at import, so none is shared.
preload_app = True
# Restart a worker now and then, so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
timeout = 60
# Longer than a client's pause between pages (the benchmark's users wait 1 to 3 s): a
# shorter one closes connections the client is about to reuse ("connection reset").
keepalive = 5
