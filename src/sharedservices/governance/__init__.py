"""Governance: each partner council's scrutiny, decision and call-in on a business case,
confirming, going live, withdrawal and disputes, the forward plan, and the append-only
audit trail (``AuditEvent``) every write in the product records."""
