"""Deploys to any JSON-RPC chain, recorded in a manifest, and runs attached to them.

- :mod:`harness.deploy.manifest` reads and writes the manifest file;
- :mod:`harness.deploy.verifiers` parses the ``--verifier`` choices;
- :mod:`harness.deploy.deployer` deploys what a manifest does not hold yet;
- :mod:`harness.deploy.codecheck` checks a manifest against the chain it is used with;
- :mod:`harness.deploy.attach` hands a run the recorded stack and rollup;
- :mod:`harness.deploy.devnet` runs a local anvil devnet with everything deployed.
"""
