"""Facts every output shares: the Catalog (the secrecy boundary) and plan against outcome."""
