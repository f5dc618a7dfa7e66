"""`python -m unbrace`: the same as the `unbrace` command."""

from __future__ import annotations

from unbrace.cli.entry import main

if __name__ == "__main__":
    main()
