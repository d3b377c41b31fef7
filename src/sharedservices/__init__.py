"""Shared Services Hub: plan, decide, share and measure council shared services."""
