"""A scenario end to end: L2 batches → claims → aggregation → seals → transactions → records."""
