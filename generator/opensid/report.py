"""The import report, as text in the reader's language or as JSON for scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n import translate
from .source import Report

LIMIT = 12  # lines per section in the text report; the JSON has everything
PRIVACY = ("privacy_missing", "privacy_unreadable", "privacy_unknown")  # see importer.protect


def report_text(target: Path, report: Report, lang: str) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(lang, f"ui.impor.{key}", **params)

    lines = [t("done", path=target), *_privacy(report, t)]
    lines += [f"  {t('kind.' + k)}: {n}" for k, n in sorted(report.counts.items())]
    sections = [
        ("skipped", [f"{what}: {t('why.' + why, **params)}" for what, why, params
                     in report.skipped if why not in PRIVACY]),
        ("missing", [f"{table}: {t('gone.' + table)}" for table in report.missing]),
        ("redacted", [f"{rel} ({n})" for rel, n in report.redacted.items()]),
        ("fill_in", [f"{rel} ({n} [GANTI])" for rel, n in report.fill_in.items()]),
        ("unknown_tables", [", ".join(report.unknown_tables)] if report.unknown_tables else []),
        ("unknown_columns", [f"{table}: {', '.join(cols)}"
                             for table, cols in report.unknown_columns.items()]),
        ("unreadable", [t("line", line=line, reason=reason)
                        for line, reason in report.unreadable]),
    ]
    for key, items in sections:
        if items:
            lines += ["", t(key, count=len(items))]
            lines += [f"  - {item}" for item in items[:LIMIT]]
            if len(items) > LIMIT:
                lines.append("  " + t("more", count=len(items) - LIMIT))
    lines += ["", t("next", path=target)]
    return "\n".join(lines)


def _privacy(report: Report, t: Any) -> list[str]:
    """First after the folder, when the personal-data check could not be complete."""
    gaps = [t(why, table=what, **params) for what, why, params in report.skipped
            if why in PRIVACY]
    if not gaps:
        return []
    return ["", t("privacy_incomplete"), *[f"  - {gap}" for gap in gaps], t("privacy_held"), ""]


def report_json(target: Path, report: Report) -> dict[str, Any]:
    return {"folder": str(target), "counts": report.counts,
            "privacy_complete": not any(why in PRIVACY for _, why, _ in report.skipped),
            "skipped": [{"what": w, "reason": r, **p} for w, r, p in report.skipped],
            "missing_tables": report.missing,
            "redacted": report.redacted, "fill_in": report.fill_in,
            "unknown_tables": report.unknown_tables, "unknown_columns": report.unknown_columns,
            "unreadable": [{"line": n, "reason": r} for n, r in report.unreadable]}
