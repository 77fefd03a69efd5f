"""Synthetic raw data for Decision Lens: healthcare buying, written to the raw contract's 15 tables.

from decision_lens.generate import generate
report = generate("demo", seed=42, out_dir=Path("data/demo/raw"))
"""

from decision_lens.generate.pipeline import GENERATOR_VERSION, GenerationReport, generate
from decision_lens.generate.presets import PRESETS, Preset

__all__ = ["GENERATOR_VERSION", "PRESETS", "GenerationReport", "Preset", "generate"]
