"""Output: the meetings table (JSON contract, Parquet), the articles document and the build report.

Public surface: `table.build_records`, `table.format_meetings_json`, `table.format_meetings_parquet`,
`table.write_bytes_if_changed`, `report.build_report`, `report.build_articles_document`,
`changes.find_changes` (the rows added, changed and removed since the previous table),
`parquet_process.request_parquet` (the Parquet bytes from a process forked as the build starts), and
`own_descriptors.keep_from_children` (descriptors, such as the output folder's lock, no forked child keeps).
"""
