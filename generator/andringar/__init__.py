"""The change record: what was added, changed and removed between two publications.

The comparison runs on the published tables (`opendata.resources.all_rows`), which are
built from the Catalog alone. What the Catalog withholds never reaches the comparison,
so it can never show up as "changed" either. The record is cumulative: the previous
package's `andringar.csv` is carried over and this publication's rows are added to it.
"""

from __future__ import annotations

from generator.andringar.compare import compare
from generator.andringar.previous import PreviousPackage, read_previous
from generator.andringar.record import Andring, Andringsregister
from generator.andringar.stage import register_for, with_true_date

__all__ = ["Andring", "Andringsregister", "PreviousPackage", "compare", "read_previous", "register_for",
           "with_true_date"]
