"""Read: input files to `Article`s (finding files, decoding, front matter, timestamps, datelines).

Public surface: `inputs.resolve_inputs`, `inputs.find_input_files` (folders, archives streamed, globs),
`inputs.read_file` (a file's bytes with its stamp), `readers.find_article_files`, `readers.read_article`.
"""
