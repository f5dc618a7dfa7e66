"""The local web app: a calm session player and pages over the same store as the CLI."""
