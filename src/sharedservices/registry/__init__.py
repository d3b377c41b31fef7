"""Arrangements, organisations, service areas, the national map and statistics."""
