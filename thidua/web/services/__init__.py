"""Writes that span the apps, made from the floor that sees them all (``reminders``)."""
