"""API router for scoring (filled in by its issue)."""

from ninja import Router

router = Router()
