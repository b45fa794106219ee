"""Services: list with filters, search, sorting, pagination and export; detail; edit."""

from web.services.views import bp

__all__ = ["bp"]
