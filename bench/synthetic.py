"""Deterministic synthetic corpora of 10,000 and 100,000 events for the benchmark.

Built from the real corpus's places, actors and sources (and its excerpts, so every excerpt
stays verbatim), with a fixed random seed: two runs measure the same data.
"""

from __future__ import annotations

from dataclasses import replace

from explorer.data.corpus import Corpus, load_corpus
from explorer.data.demo_corpus import make_corpus, synthetic_events
from explorer.domain.timeline import Timeline

SEED = 20230919


def synthetic_timeline(base: Corpus, n: int, seed: int = SEED) -> Timeline:
    """A timeline of ``n`` generated events over ``base``'s places, actors and sources."""
    return Timeline(synthetic_events(base, n, seed))


def synthetic_corpus(n: int, seed: int = SEED, base: Corpus | None = None) -> Corpus:
    """The real corpus (or the test corpus if it has no places) with ``n`` generated events."""
    if base is None:
        base = load_corpus()
        if not base.places or not base.sources:
            base = make_corpus()
    return replace(base, timeline=synthetic_timeline(base, n, seed), problems=[])
