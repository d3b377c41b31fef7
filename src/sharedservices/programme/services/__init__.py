"""Writes to programmes and the pipeline: one transaction each, the domain rules
checked once here for the pages, the API and the demo, and every change appended
to the record's history."""
