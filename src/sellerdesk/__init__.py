"""SellerDesk: an offline-first catalog manager for independent online sellers."""

__version__ = "0.1.0"
