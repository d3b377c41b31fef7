"""Programmes, clusters and the opportunity pipeline."""
