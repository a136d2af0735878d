"""newsalert: an always-on streaming news-alert monitor.

The data flow shows in the package layout: ``articles`` (records and readers) →
``text`` (normalisation) → ``ruleset`` (rule language, compilation, matching) →
``alerting`` → delivery; ``agents`` and ``producers`` wire these pure parts to Kafka.
"""

__version__ = "0.1.0"
