"""API router for reports (filled in by its issue)."""

from ninja import Router

router = Router()
