"""Analysis: clusters, fragments, Doppelstrukturen, Basisdienste, media breaks; verdicts
on suggestions; re-running the analysis as a background job with visible progress."""

from web.analysis.views import bp

__all__ = ["bp"]
