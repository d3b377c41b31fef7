"""Governance models: the audit trail and the workflow of each partner council's decision."""

from sharedservices.governance.models.audit import AuditEvent, AuditEventImmutable

__all__ = ["AuditEvent", "AuditEventImmutable"]
