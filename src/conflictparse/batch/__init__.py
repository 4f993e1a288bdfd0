"""Collections of pages: files, directories, JSONL page samples and MediaWiki XML dumps, in parallel.

`inputs` finds and reads the pages (as a stream, in input order), `run` parses them in a pool of
worker processes and writes one record a line, in input order, resumably; `cli` is the `batch` command.
Nothing heavy is imported here: the CLI imports this package at start-up.
"""
