"""The one model configuration every record shares."""

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Frozen, and strict about keys: a misspelt key is an error, never silently dropped.

    `nan` and `inf` are not numbers anyone means to publish, so they are refused too.

    Each model's validator is built when it is first used, not when Insyn starts: a rebuild
    takes most records from what the last build read and validates few (building them all
    took 0.1 s of its one-core start).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False,
                              defer_build=True)
