"""Reminders: the calendar file, the scheduler, desktop notifications and autostart."""
