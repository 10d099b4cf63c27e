"""The Solidity toolchain: the compiler launcher and the compile-and-cache pipeline."""
