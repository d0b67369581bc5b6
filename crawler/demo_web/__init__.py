"""Demo outlets: corpus, rendered static sites and the local server that serves them."""
