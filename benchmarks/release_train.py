"""A release train three ways: the core API, the simulated boto3 client, and moto.

Each path runs the same N-cycle sequence, one cycle being a release:

    update_function_code (a new ZIP package) -> publish_version -> update_alias PROD -> get_alias

The paths run side by side in one process:

* ``core``:  ``Account`` methods called directly;
* ``boto3``: ``lambda_model.aws.client("lambda")``, a real botocore client whose calls are
  served in-process by an ``Account`` (botocore still validates and serialises every call);
* ``moto``:  a boto3 client inside moto's ``mock_aws`` (moto is in the ``bench`` extra only).

Every path gets the same ZIP bytes. By default each cycle deploys a distinct package (as a
real release would); ``--packages 2`` alternates two packages instead. Operations per second
normalise for the smaller moto run. After timing, each path's alias must point at the last
published version, or the run fails. Targets (issue 4): boto3 >= 10x moto, core >= 100x moto,
core >= 150,000 ops/s.

Run: python benchmarks/release_train.py [--cycles 10000] [--moto-cycles 1000]
         [--packages N] [--profile boto3|core]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import time
import zipfile
from collections.abc import Callable, Sequence

from lambda_model import Account
from lambda_model.aws import client

OPS_PER_CYCLE = 4
ROLE_POLICY = '{"Version": "2012-10-17", "Statement": []}'


def make_packages(count: int, tag: str = "") -> list[bytes]:
    """``count`` distinct deployment packages (ZIPs with one module ``app.py``); packages
    with different ``tag`` values differ too, at the same size."""
    packages = []
    for n in range(count):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            source = f"def handler(event, context):\n    return {n:06d}  # {tag:>5}\n"
            archive.writestr("app.py", source)
        packages.append(buffer.getvalue())
    return packages


# --- the three paths: each returns (run(cycles) -> final alias version) ----------------------


def core_path(packages: Sequence[bytes]) -> Callable[[int], str]:
    account = Account()
    account.create_function("f", packages[0], handler="app.handler", publish=True)
    account.create_alias("f", "PROD", "1")
    update_code = account.update_function_code
    publish = account.publish_version
    update_alias = account.update_alias
    get_alias = account.get_alias
    count = len(packages)

    def run(cycles: int) -> str:
        for n in range(cycles):
            update_code("f", packages[n % count])
            version = publish("f").version
            update_alias("f", "PROD", function_version=version)
            get_alias("f", "PROD")
        return get_alias("f", "PROD").function_version

    return run


def _boto3_cycles(lam, packages: Sequence[bytes]) -> Callable[[int], str]:
    count = len(packages)

    def run(cycles: int) -> str:
        for n in range(cycles):
            lam.update_function_code(FunctionName="f", ZipFile=packages[n % count])
            version = lam.publish_version(FunctionName="f")["Version"]
            lam.update_alias(FunctionName="f", Name="PROD", FunctionVersion=version)
            lam.get_alias(FunctionName="f", Name="PROD")
        return lam.get_alias(FunctionName="f", Name="PROD")["FunctionVersion"]

    return run


def _create(lam, role: str, packages: Sequence[bytes]) -> None:
    lam.create_function(
        FunctionName="f",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": packages[0]},
        Publish=True,
    )
    lam.create_alias(FunctionName="f", Name="PROD", FunctionVersion="1")


def boto3_path(packages: Sequence[bytes]) -> Callable[[int], str]:
    lam = client("lambda")
    _create(lam, "arn:aws:iam::123456789012:role/release-train", packages)
    return _boto3_cycles(lam, packages)


def moto_path(packages: Sequence[bytes], stack: list) -> Callable[[int], str]:
    import boto3
    from moto import mock_aws

    mock = mock_aws()
    mock.start()
    stack.append(mock)
    iam = boto3.client("iam", region_name="us-east-1")
    role = iam.create_role(RoleName="release-train", AssumeRolePolicyDocument=ROLE_POLICY)
    lam = boto3.client("lambda", region_name="us-east-1")
    _create(lam, role["Role"]["Arn"], packages)
    return _boto3_cycles(lam, packages)


# --- timing -------------------------------------------------------------------------------


def timed(name: str, run: Callable[[int], str], cycles: int) -> tuple[float, float]:
    """Run ``cycles`` releases; check the alias ended on the last version; return ops/s by
    wall-clock time and by this process's CPU time (the latter is steadier on a busy box)."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    final = run(cycles)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    expected = str(cycles + 1)
    if final != expected:
        raise SystemExit(f"{name}: PROD points at {final}, expected {expected}")
    ops = cycles * OPS_PER_CYCLE
    print(
        f"{name:<6} {cycles:>7} {ops:>7} {wall:9.3f} {cpu:9.3f} "
        f"{ops / wall:>13,.0f} {ops / cpu:>13,.0f}"
    )
    return ops / wall, ops / cpu


def profile(name: str, run: Callable[[int], str], cycles: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    run(cycles)
    profiler.disable()
    print(f"\nprofile of the {name} path ({cycles} cycles), by own time:")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=10_000, help="core and boto3 releases")
    parser.add_argument("--moto-cycles", type=int, default=1_000, help="moto releases")
    parser.add_argument(
        "--packages",
        type=int,
        default=0,
        help="distinct packages to cycle through (default: a new one every cycle)",
    )
    parser.add_argument("--profile", choices=["core", "boto3"], help="profile one path")
    args = parser.parse_args(argv)

    def packages(tag: str, cycles: int) -> list[bytes]:
        # With --packages K every path redeploys the same K builds; by default each path
        # gets builds no path has deployed before, so no cache can help any of them.
        return make_packages(args.packages, "") if args.packages else make_packages(cycles + 1, tag)

    warm = 200
    stack: list = []
    try:
        # Warm each path on its own account (imports, model loading, caches), then time a
        # fresh one.
        core_path(packages("warm", warm))(warm)
        boto3_path(packages("warm", warm))(warm)
        if args.profile:
            maker = core_path if args.profile == "core" else boto3_path
            cycles = min(args.cycles, 5_000)
            profile(args.profile, maker(packages(args.profile, cycles)), cycles)
            return
        moto_path(packages("warm", warm), stack)(min(warm, args.moto_cycles))
        stack.pop().stop()
        mode = f"{args.packages} packages in turn" if args.packages else "a new package each cycle"
        print(f"release train: update code, publish, update alias, get alias ({mode})")
        print("path    cycles     ops    wall s     cpu s   ops/s (wall)   ops/s (cpu)")
        core = timed("core", core_path(packages("core", args.cycles)), args.cycles)
        boto = timed("boto3", boto3_path(packages("boto3", args.cycles)), args.cycles)
        moto = timed("moto", moto_path(packages("moto", args.moto_cycles), stack), args.moto_cycles)
    finally:
        for mock in stack:
            mock.stop()
    print("ratios          wall     cpu")
    print(f"boto3 / moto {boto[0] / moto[0]:7.1f}x {boto[1] / moto[1]:7.1f}x   (target >= 10x)")
    print(f"core  / moto {core[0] / moto[0]:7.1f}x {core[1] / moto[1]:7.1f}x   (target >= 100x)")
    print(f"core: {core[0]:,.0f} ops/s wall, {core[1]:,.0f} ops/s cpu   (target >= 150,000)")


if __name__ == "__main__":
    main()
