"""Alerting: stories and when to notify (pure), alert records, destinations, and delivery.

The alert agent keeps a :class:`streams.alerting.story.Story` per rule and group key and calls
``apply_match`` / ``expire``; the deliver agent hands each :class:`streams.alerting.alert.Alert` to a
:class:`streams.alerting.delivery.Delivery`. Nothing is imported here, so that reading the settings
(which parses destinations) does not load the delivery stack (httpx) or the story code (numpy).
"""
