"""Text: article bodies to clean paragraphs and sentences, and the clause structure of a sentence.

Public surface: `clean.build_paragraphs`, `clean.split_sentences`, `clean.clean_inline`,
`clauses.clause_start`, `clauses.clause_end`, `clauses.statement_bounds`.
"""
