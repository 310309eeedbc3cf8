"""Class sessions: an instructor's live view shared with a class of followers.

``store`` is the interface (a few primitives on per-session data, events, counters),
``memory`` and ``redis`` its two implementations, ``fanout`` the per-worker delivery of events
to connected followers, ``questions`` the question kinds and their results, ``session`` the
logic the API calls (the same whichever store is behind it).
"""
