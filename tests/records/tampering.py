"""Edits made behind the application's back, as the tables' owner could make them."""

from django.db import connection


def audit_entry_rewrite(entry_id: int, **columns: object) -> None:
    """UPDATE an audit entry with its append-only trigger off for the statement (the owner's privilege)."""
    assignments = ", ".join(f"{name} = %s" for name in columns)
    with connection.cursor() as cursor:
        # Pending foreign-key checks would make ALTER TABLE fail inside the test's transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update_delete")
        statement = f"UPDATE audit_auditentry SET {assignments} WHERE id = %s"  # noqa: S608  # the test's own column names
        cursor.execute(statement, [*map(str, columns.values()), entry_id])
        cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update_delete")
