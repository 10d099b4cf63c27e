"""Batch claims: the journal of a batch or a range of batches, the image ids, the proof request."""
