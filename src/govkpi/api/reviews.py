"""API router for reviews (filled in by its issue)."""

from ninja import Router

router = Router()
