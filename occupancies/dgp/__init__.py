"""The public management right (droit de gestion publique, DGP; seed 001): a commune, a CPAS or another public
operator takes over a vacant dwelling, renovates it and lets it at a capped rent until the rents have repaid its
costs, for nine years at least. This first part holds the rules (occupancies.dgp.rules); the vacancy register and
the cases build on them."""
