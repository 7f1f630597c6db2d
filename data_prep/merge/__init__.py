"""Merge: the mentions of every article to one `Meeting` row per real-world meeting.

Public surface: `rows.merge_mentions`.
"""
