"""Scheduling: the leader-elected APScheduler service that runs ``genderwatch.jobs``.

``service`` (leadership, schedule, retries, stop), ``executor`` (one recorded attempt),
``plan`` (which jobs, how often, follow-ups, backoff) and ``process`` (the long-running
process with the dashboard beside it).
"""
