"""Generic helpers every stage uses: errors, atomic files, typed JSON reads, hex, paths."""
