"""govkpi: the annual evaluation of Thai government agencies and provinces."""
