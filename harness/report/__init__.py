"""Reports: read the records and summaries of runs, never the chain."""
