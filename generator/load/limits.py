"""Size limits: a clear error instead of a hang on a huge file or field."""

MAX_FILE_BYTES = 2 * 1024 * 1024  # one YAML or CSV file
MAX_TEXT_CHARS = 20_000  # one text value (a long sammanfattning is ~3,000)
MAX_DEPTH = 20  # nesting of YAML collections
