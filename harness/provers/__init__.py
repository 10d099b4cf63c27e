"""Where seals come from: synthetic Groth16, dev-mode mock, replayed files, an external command."""
