"""Screen: the cheap look at an article's text that decides whether it can report a meeting at all.

Public surface: `prefilter.could_report_meeting`.
"""
