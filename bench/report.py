"""The printed figures: markdown tables, so that a run can be pasted into an issue or a report."""

from bench.phases import Comparison, FilingComparison


def say(text: str) -> None:
    print(text, flush=True)


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def page_table(comparisons: list[Comparison]) -> str:
    lines = [
        "| page or path | clients | req/s | p50 ms | p95 ms | queries/request | errors | floor req/s "
        "| floor p95 ms | p95 / floor p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    order = {name: i for i, name in enumerate(dict.fromkeys(c.name for c in comparisons))}
    for c in sorted(comparisons, key=lambda c: (order[c.name], c.clients)):
        p, f = c.product, c.floor
        lines.append(
            f"| {c.name} | {c.clients} | {p.per_second:,.1f} | {_ms(p.percentile_ms(0.5))} | "
            f"{_ms(p.percentile_ms(0.95))} | {p.queries} | {p.errors}/{p.count} | {f.per_second:,.0f} | "
            f"{_ms(f.percentile_ms(0.95))} | {c.p95_ratio:,.1f}× |"
        )
    return "\n".join(lines)


def filing_table(filings: list[FilingComparison]) -> str:
    lines = [
        "| API filing (create + submit, one listing) | clients | complaints/s | create p50 / p95 ms "
        "| submit p50 / p95 ms | queries: create + submit | errors | floor POST/s | API POST/s ÷ floor POST/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in filings:
        rate, floor_rate = r.complaints_per_second, r.floor.per_second
        errors = r.create.errors + r.submit.errors
        # A complaint is two requests: its POST rate is twice the complaints filed.
        share = 2 * rate / floor_rate if floor_rate else 0.0
        lines.append(
            f"| filing | {r.clients} | {rate:,.1f} | {_ms(r.create.percentile_ms(0.5))} / "
            f"{_ms(r.create.percentile_ms(0.95))} | {_ms(r.submit.percentile_ms(0.5))} / "
            f"{_ms(r.submit.percentile_ms(0.95))} | {r.create.queries} + {r.submit.queries} | "
            f"{errors}/{r.create.count + r.submit.count} | {floor_rate:,.0f} | {share:.1%} |"
        )
    return "\n".join(lines)
