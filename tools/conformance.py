"""Conformance report: how many AWS-recorded responses the simulator reproduces, per area.

Runs from a checkout (the recordings and replays live in ``tests/conformance/``):

    python tools/conformance.py            # the table
    python tools/conformance.py --details  # and every differing response, with its reason
    python tools/conformance.py --copy-recordings /path/to/localstack  # refresh the recordings
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conformance.catalogue import REPLAYS  # noqa: E402
from tests.conformance.differences import NOT_MODELLED_FIELDS  # noqa: E402
from tests.conformance.harness import RECORDINGS, load_recordings, run  # noqa: E402

#: Where each recordings file comes from in a LocalStack checkout.
SOURCES = {
    "lambda_api": "tests/aws/services/lambda_/test_lambda_api.snapshot.json",
    "lambda": "tests/aws/services/lambda_/test_lambda.snapshot.json",
    "s3_notifications_lambda": "tests/aws/services/s3/test_s3_notifications_lambda.snapshot.json",
    "esm_sqs": "tests/aws/services/lambda_/event_source_mapping/"
    "test_lambda_integration_sqs.snapshot.json",
}


def copy_recordings(checkout: Path) -> None:
    """Copy, unchanged, the recorded tests the replays use from a LocalStack checkout."""
    import json
    import subprocess

    commit = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    wanted: dict[str, list[str]] = {}
    for one in REPLAYS:
        wanted.setdefault(one.recording, []).append(one.test)
    for name, tests in wanted.items():
        snapshot = json.loads((checkout / SOURCES[name]).read_text())
        by_test: dict[str, dict] = {}
        for key, entry in snapshot.items():  # the current test path wins over a stale one
            test = key.split("::", 1)[1]
            if test not in by_test or key.startswith("tests/aws/services/"):
                by_test[test] = entry
        data = {
            "source": {
                "repository": "https://github.com/localstack/localstack",
                "path": SOURCES[name],
                "commit": commit,
                "licence": "Apache-2.0",
                "copyright": "Copyright (c) 2017+ LocalStack contributors",
                "note": "Responses recorded against real AWS by LocalStack's snapshot tests, "
                "normalised by their recorder; copied unchanged, only the tests replayed here.",
            },
            "recordings": {test: by_test[test] for test in tests},
        }
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        (RECORDINGS / f"{name}.json").write_text(text)
        print(f"{name}: {len(tests)} recorded tests from {commit[:12]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every differing response")
    parser.add_argument("--copy-recordings", metavar="LOCALSTACK", type=Path, help="refresh")
    args = parser.parse_args(argv)
    if args.copy_recordings:
        copy_recordings(args.copy_recordings)
        return 0
    recordings: dict[str, dict] = {}
    total, matched, explained, tests = Counter(), Counter(), Counter(), Counter()
    notes: list[str] = []
    unexplained = 0
    for one in REPLAYS:
        recorded = recordings.setdefault(one.recording, load_recordings(one.recording))
        tests[one.area] += 1
        for outcome in run(one, recorded):
            total[one.area] += 1
            if outcome.matches:
                matched[one.area] += 1
                continue
            if outcome.explained:
                explained[one.area] += 1
            else:
                unexplained += 1
            reason = outcome.declared or "NOT EXPLAINED: " + "; ".join(outcome.problems)
            notes.append(f"  {one.test} :: {outcome.response}\n      {reason}")
    print(f"{'area':<12} {'tests':>5} {'responses':>9} {'match':>6} {'explained':>9}   share")
    for area in total:
        share = matched[area] / total[area]
        print(
            f"{area:<12} {tests[area]:>5} {total[area]:>9} {matched[area]:>6} "
            f"{explained[area]:>9}   {share:.1%}"
        )
    all_total, all_matched = sum(total.values()), sum(matched.values())
    print(
        f"{'all':<12} {sum(tests.values()):>5} {all_total:>9} {all_matched:>6} "
        f"{sum(explained.values()):>9}   {all_matched / all_total:.1%}"
    )
    print(f"fields not modelled (skipped): {', '.join(sorted(NOT_MODELLED_FIELDS))}")
    if args.details and notes:
        print("\ndiffering responses:")
        print("\n".join(notes))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
