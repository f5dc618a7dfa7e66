"""The pure core of unbrace: practices, ratings, sessions, safety and plans.

Nothing in this package does I/O beyond reading the package's own data files,
and nothing here imports the store or the edges (CLI, web, audio).
"""
