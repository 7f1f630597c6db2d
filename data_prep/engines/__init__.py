"""Engines: what runs the per-file step over batches of input files, and what feeds them.

Public surface: `per_file.read_batch` (the pure per-file step: bytes → screen → parse → extract),
`local.run_local` (a pool of processes here, the default), `shares.run_shares` (tar archives streamed
by the pool's workers themselves), `dask_cluster.run_dask` (a dask.distributed cluster),
`pending.Found` (cache lookups before any engine runs), `progress.Tally`.
"""
