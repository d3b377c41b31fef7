"""The service's own pages: home, the signed-in dashboard, about, errors; and the
access declarations every view carries."""
