"""The gas regression gate: pinned scenarios, a committed baseline, and their comparison.

- :mod:`harness.gasgate.scenarios` sends the pinned transactions and reads their gas back;
- :mod:`harness.gasgate.baseline` reads and writes the committed baseline file;
- :mod:`harness.gasgate.compare` compares a measurement with the baseline under a tolerance;
- :mod:`harness.gasgate.render` prints the comparison as a console or Markdown table;
- :mod:`harness.gasgate.gate` ties them together: ``check`` and ``update``.
"""
