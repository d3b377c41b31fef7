"""Pages of the register (``register``) and the national picture (``national``)."""
