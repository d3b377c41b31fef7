"""Find partners, and the background analysis jobs that run it.

Users know this app as *Find partners* (``/partners/``). The app keeps the generic name
``jobs`` because most of its code is the job machinery, not the partner search: a
``share`` or ``coalitions`` analysis too long for a web request becomes an ``AnalysisJob``
that a Celery worker runs (``running.py``) and the page or API watches; any future long
analysis (a programme's ranking, a national coalition map) queues the same way. Renaming
the app label would rewrite its migrations and table names for no user-visible gain, so
the Find partners pages live here under their own words (``partners.py``, ``forms.py``).
"""
