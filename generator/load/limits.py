"""Size limits: a clear error instead of a hang on a huge file, field or structure."""

MAX_FILE_BYTES = 2 * 1024 * 1024  # one YAML or CSV file (the largest real file is ~50 KiB)
MAX_TEXT_CHARS = 20_000  # one text value (a long sammanfattning is ~3,000)
MAX_DEPTH = 20  # nesting of YAML collections
MAX_NODES = 200_000  # values in one YAML file
MAX_CSV_ROWS = 100_000  # rows in one CSV file
