"""API router for results (filled in by its issue)."""

from ninja import Router

router = Router()
