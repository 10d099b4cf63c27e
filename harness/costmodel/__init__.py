"""The cost model: the seed model (estimator, presets, decider) and the calibrated fit."""
