"""Reading the data folder: files become located records; read faults become Problems."""

from generator.load.dataset import RawDataset, load_dataset
from generator.load.document import Document

__all__ = ["Document", "RawDataset", "load_dataset"]
