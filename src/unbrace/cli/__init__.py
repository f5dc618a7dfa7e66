"""The command-line edge: thin Typer commands that parse input, call the core and store, and print.

Heavy modules (SQLAlchemy, pydantic, Rich live views) are imported inside the commands
so that `unbrace --help` starts quickly.
"""
