"""Vocabularies: the YAML word lists that decide things, their loaders, and script conversion.

Every file is read through `loader.read_vocab` and checked on load; a malformed entry raises
`loader.VocabError(path, entry, reason)`. Public surface: `cues.load_cues`, `officials.load_vocabulary`,
`refevents.load_vocabulary`, `marks`, `script.to_simplified`.
"""
