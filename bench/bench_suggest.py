"""How good and how fast the suggestions are (issue 14).

``suggest_recall``: the embedded corpus treated as new — suggestions computed from the five
texts alone (no events, no restatement lookup) — and the share of its curated events that a
suggestion covers: the suggestion's sentence overlaps one of the event's excerpts and its
date window overlaps the event's. ``suggestions_per_event``: suggestions made per curated
event. ``suggest_recall_text_dated``: the recall over the events whose date comes from the
texts (not from outside knowledge). ``suggest_10k_words_s``: suggestions for a 10,000-word
text (the five texts repeated), median of a few runs.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from typing import Any


def coverage(corpus: Any) -> dict[str, Any]:
    """Recall of the curated events by suggestions made from the source texts alone."""
    from explorer.curation.suggest import Suggester

    suggester = Suggester.for_corpus(corpus)
    by_source = {sid: suggester.suggest(src) for sid, src in corpus.sources.items()}
    covered, missed, from_sources, from_sources_hit = [], [], 0, 0
    for event in corpus.timeline:
        hit = any(
            s.begin < x.end
            and x.start < s.stop
            and s.date.start <= event.when.end
            and event.when.start <= s.date.end
            for x in event.excerpts
            for s in by_source.get(x.source.id, [])
        )
        (covered if hit else missed).append(event.id)
        if not getattr(event, "date_from_outside", False):
            from_sources += 1
            from_sources_hit += hit
    total = sum(len(v) for v in by_source.values())
    n = max(1, len(corpus.timeline))
    return {
        "suggest_recall": round(len(covered) / n, 3),
        "suggestions_per_event": round(total / n, 2),
        # The same, over the events whose date the curators took from the texts themselves
        # (not ``date_basis: outside``): what a reader of the texts alone could have found.
        "suggest_recall_text_dated": round(from_sources_hit / max(1, from_sources), 3),
        "suggest_missed": missed,
    }


def speed(corpus: Any, repeats: int = 3) -> float:
    """Median seconds to suggest events for a 10,000-word text."""
    from explorer.curation.suggest import Suggester

    texts = [s.text for s in corpus.sources.values()]
    words = sum(len(t.split()) for t in texts)
    big = "\n\n".join(texts * (10_000 // words + 1))
    big = " ".join(big.split(" ")[:10_000])
    first = next(iter(corpus.sources.values()))
    source = dataclasses.replace(first, id="bench.txt", text=big)
    times = []
    for _ in range(repeats):
        suggester = Suggester.for_corpus(corpus)  # counted: a command builds it once per run
        t = time.perf_counter()
        suggester.suggest(source, list(corpus.timeline))
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(quick: bool) -> dict[str, Any]:
    from explorer.data.corpus import load_corpus

    corpus = load_corpus()
    result = coverage(corpus)
    result["suggest_10k_words_s"] = round(speed(corpus, 3 if quick else 5), 3)
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(measure(True), indent=1))
