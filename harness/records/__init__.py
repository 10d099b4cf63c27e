"""What was mined, as it was mined: one JSON line per transaction."""
