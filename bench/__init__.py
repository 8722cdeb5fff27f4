"""agx vs AutoGraph benchmark: `python -m bench` (see README, Performance)."""
