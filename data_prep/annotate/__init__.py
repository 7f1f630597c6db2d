"""Annotate: each sentence once, with the officials, dates, cue words, places, topics and known events in it.

Public surface: `sentences.build_sentences` (the annotated `Sentence`s of an article), and the finders it
uses: `officials.find_officials`, `dates.find_date_spans`, `places`, `topics`, `refevents`.
"""
