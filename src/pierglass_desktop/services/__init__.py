"""Use cases: one function per user action, one transaction each, plain rows out. No Qt here."""
