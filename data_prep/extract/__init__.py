"""Extract: one article's annotated sentences to the meetings it reports (`MeetingMention`s), a pure function.

Public surface: `mentions.extract_mentions`.
"""
