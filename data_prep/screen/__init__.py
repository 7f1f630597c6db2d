"""Screen: the cheap look at an article's text that decides whether it can report a meeting at all.

Public surface: `raw.could_report_raw` (the first look, at the decoded file before any parsing),
`prefilter.could_report_meeting` (the look at the parsed article), `prefilter.read_or_build_matcher`.
"""
