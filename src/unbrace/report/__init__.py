"""The printable report and its charts (SVG written directly)."""
