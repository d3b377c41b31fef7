"""Users, the council each belongs to, and their roles."""
