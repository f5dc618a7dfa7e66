"""Data that moves: the export document, export and import, export files (CSV, JSON, FHIR),
backup and restore."""
