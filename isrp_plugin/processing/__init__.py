"""Processing provider and algorithms of ISRP (provider id ``isrp``)."""
