"""Vocabularies: the YAML word lists that decide things, their loaders, and script conversion.

Every file is read through `loader.read_vocab` and checked on load; a malformed entry raises
`loader.VocabError(path, entry, reason)`, and lists of words are checked by `loader.check_words`.
Public surface: `cues.load_cues`, `officials.load_vocabulary`, `refevents.load_vocabulary`,
`topics.read_topic_vocab`, `places.read_place_vocab`, `boilerplate.load_boilerplate`,
`outlets.load_outlets`, `words.words` (the named lists of grammar.yaml), `marks`, `script.to_simplified`.
"""
