"""The vacancy register (Charter, eighth commitment; seed 001): vacant dwellings, buildings, ground floors and land,
public and private, reported by the communes, the CPAS and the Guichet, or by associations and the public through a
moderated form; what became of each (a site on the register, a DGP case, an occupancy, or closed with its reason);
the region's figures, never a private address."""
