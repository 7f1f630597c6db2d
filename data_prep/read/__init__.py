"""Read: input files to `Article`s (finding files, decoding, front matter, timestamps, datelines).

Public surface: `readers.find_article_files`, `readers.read_article`.
"""
