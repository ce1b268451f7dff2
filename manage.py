#!/usr/bin/env python
"""Equivalent to the `waspada` console command."""

from waspada.cli import main

if __name__ == "__main__":
    main()
