"""Content shipped with unbrace: practices, lessons, safety questions, breath pacing."""
