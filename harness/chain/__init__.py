"""Chain backends (eth-tester, anvil, any JSON-RPC node) behind one interface."""
