"""The one model configuration every record shares."""

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Frozen, and strict about keys: a misspelt key is an error, never silently dropped.

    `nan` and `inf` are not numbers anyone means to publish, so they are refused too.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)
