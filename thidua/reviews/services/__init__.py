"""Every write of the reviews app; each runs in one transaction with its audit row."""

from thidua.reviews.services.sessions import RatedSpec, confidence_session_create

__all__ = ["RatedSpec", "confidence_session_create"]
