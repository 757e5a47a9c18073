"""The one model configuration every record shares."""

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Frozen, and strict about keys: a misspelt key is an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
