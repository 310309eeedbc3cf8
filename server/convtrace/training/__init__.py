"""The training lab: jobs that train a network while a student watches (issue 19).

``dataset`` the shipped training digits; ``jobs`` validating a job and its cost; ``loop`` the
training loop and its events; ``local`` the one-process runner (a process pool); ``queue`` the
Redis job queue (``convtrace worker``); ``service`` what the API routes talk to.
"""
