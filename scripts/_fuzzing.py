"""Shared machinery of ``scripts/fuzz-ingest`` and ``scripts/fuzz-gcat`` (maintainers' tools, not run in CI).

A fuzz target is a function ``target(data: bytes, workdir: Path) -> None``. Any exception it raises
other than :class:`~spacecoop.errors.SpaceCoopError` is a *crash*; so is an input that takes longer than
``--timeout`` seconds (a *hang*). Crashes are kept, deduplicated by exception type and the innermost
``spacecoop`` frame, in ``WORKDIR/crashes/SIGNATURE/`` (``input`` + ``traceback.txt`` + ``count``), and
fuzzing goes on: one run finds every distinct crash, not only the first.

Two engines:

* ``atheris`` (default when it imports): coverage-guided (libFuzzer) over the seed corpus, with a
  dictionary of interesting tokens. The parent process restarts the libFuzzer child whenever it dies
  (a hang or an out-of-memory kill), until the time is up; the corpus it grows lives in
  ``WORKDIR/corpus``.
* ``mutate``: a coverage-blind mutation fuzzer of our own (byte flips, token insertions from the
  dictionary, splices of seeds, repeats, truncations), for machines without atheris.

``WORKDIR/summary.json`` holds the run length, executions and crash signatures when the run ends.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Hang(Exception):
    """An input took longer than the time allowed."""


def signature(error: BaseException) -> str:
    """Exception type plus the innermost frame in spacecoop (else the innermost frame)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/spacecoop/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__name__}@{where}"


class Recorder:
    """Keeps each distinct crash once (with a count), and the run's totals."""

    def __init__(self, workdir: Path, name: str):
        self.workdir, self.name = workdir, name
        self.crashes = workdir / "crashes"
        self.crashes.mkdir(parents=True, exist_ok=True)
        self.executions = 0
        self.started = time.time()

    def record(self, data: bytes, error: BaseException) -> None:
        sig = signature(error)
        folder = self.crashes / hashlib.sha1(sig.encode()).hexdigest()[:12]
        count_file = folder / "count"
        if not folder.exists():
            folder.mkdir(parents=True)
            (folder / "input").write_bytes(data)
            text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            (folder / "traceback.txt").write_text(f"{sig}\n\n{text}", encoding="utf-8")
            print(f"[{self.name}] NEW CRASH {sig} ({len(data)} bytes) -> {folder}", flush=True)
            count = 0
        else:
            count = int(count_file.read_text())
            # keep the smallest input that shows the crash
            if len(data) < (folder / "input").stat().st_size:
                (folder / "input").write_bytes(data)
        count_file.write_text(str(count + 1))


def run_one(target, data: bytes, workdir: Path, recorder: Recorder, timeout: float | None) -> None:
    """Run the target on one input, recording a crash, or a hang when ``timeout`` (seconds) is given.

    Under atheris ``timeout`` is None: libFuzzer's own ``-timeout`` (which also uses SIGALRM) catches hangs.
    """
    from spacecoop.errors import SpaceCoopError

    recorder.executions += 1

    def on_alarm(_signum, _frame):
        raise Hang(f"input took longer than {timeout} s")

    if timeout:
        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        target(data, workdir)
    except SpaceCoopError:
        pass
    except RecursionError as error:  # record before the deep stack is unwound further
        recorder.record(data, error)
    except Exception as error:  # noqa: BLE001 - anything else is a finding
        recorder.record(data, error)
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


# ---- the mutation engine -------------------------------------------------------------------

def mutate(data: bytes, seeds: list[bytes], tokens: list[bytes], rng: random.Random, max_len: int) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.randrange(9)
        pos = rng.randint(0, len(out))
        if choice == 0 and out:  # flip a bit
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        elif choice == 1:  # insert a token
            out[pos:pos] = rng.choice(tokens)
        elif choice == 2 and out:  # delete a run
            del out[pos:pos + rng.randint(1, 64)]
        elif choice == 3 and out:  # replace a byte with an interesting one
            out[rng.randrange(len(out))] = rng.choice(b"\x00\t\n\r \"'<>\\?-*/[]{}:.#@\x7f\xc3\xe2\xff")
        elif choice == 4:  # splice another seed
            other = rng.choice(seeds)
            a = rng.randint(0, len(other))
            out[pos:pos] = other[a:a + rng.randint(1, 400)]
        elif choice == 5 and out:  # repeat a run
            a = rng.randrange(len(out))
            chunk = bytes(out[a:a + rng.randint(1, 80)])
            out[pos:pos] = chunk * rng.randint(2, 50)
        elif choice == 6:  # truncate
            del out[pos:]
        elif choice == 7:  # random unicode text
            out[pos:pos] = "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x80, 0x2FFF),
                                                   rng.randint(0x3000, 0x10FFFF)])) for _ in range(rng.randint(1, 8))
                                   ).encode("utf-8", "surrogatepass")
        elif choice == 8 and out:  # swap two lines
            lines = bytes(out).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                out = bytearray(b"\n".join(lines))
    return bytes(out[:max_len])


def run_mutation_engine(target, seeds, tokens, workdir, recorder, seconds, timeout, max_len, seed,
                        structured=None) -> None:
    rng = random.Random(seed)
    corpus = list(seeds)
    deadline = time.time() + seconds
    last_report = time.time()
    while time.time() < deadline:
        parent = rng.choice(corpus)
        if structured is not None and rng.random() < 0.5:
            data = structured(parent, rng)[:max_len]
        else:
            data = mutate(parent, seeds, tokens, rng, max_len)
        run_one(target, data, workdir, recorder, timeout)
        if rng.random() < 0.02 and len(corpus) < 2000:
            corpus.append(data)  # keep some mutants as new parents
        if time.time() - last_report > 60:
            last_report = time.time()
            print(f"[{recorder.name}] {recorder.executions} executions, "
                  f"{len(list(recorder.crashes.iterdir()))} crash signature(s)", flush=True)


# ---- the atheris engine -------------------------------------------------------------------

def run_atheris_child(make_target, workdir: Path, timeout: float, libfuzzer_args: list[str], name: str,
                      structured=None) -> None:
    import atheris

    with atheris.instrument_imports(include=["spacecoop"]):
        target = make_target()
    recorder = Recorder(workdir, name)

    def one_input(data: bytes) -> None:
        run_one(target, data, workdir, recorder, None)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if structured is None or rng.random() < 0.5:
            return atheris.Mutate(data, max_size)
        try:
            return structured(data, rng)[:max_size]
        except Exception:  # noqa: BLE001 - a bug in the mutator must not end the run
            return atheris.Mutate(data, max_size)

    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input,
                  **({"custom_mutator": custom_mutator} if structured else {}))
    atheris.Fuzz()


def main(name: str, make_target, seeds: list[bytes], tokens: list[bytes], *, max_len: int, doc: str,
         structured=None) -> int:
    """Run the fuzzer ``name``; ``structured(data, rng) -> bytes`` is an optional format-aware mutator,
    used for half of the mutations beside the byte-level ones."""
    parser = argparse.ArgumentParser(prog=name, description=doc)
    parser.add_argument("--minutes", type=float, default=30, help="how long to fuzz (default 30)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / name,
                        help=f"corpus, crashes and logs (default build/{name}; git ignores build/)")
    parser.add_argument("--engine", choices=("atheris", "mutate"), default=None,
                        help="atheris when it imports, else mutate")
    parser.add_argument("--timeout", type=float, default=20, help="seconds one input may take (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the mutate engine")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")

    if args.child:
        run_atheris_child(make_target, workdir, args.timeout, rest, name, structured)
        return 0

    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "mutate"
    seconds = args.minutes * 60
    started = time.time()
    print(f"[{name}] engine {engine}, {args.minutes} min, workdir {workdir}", flush=True)

    if engine == "mutate":
        recorder = Recorder(workdir, name)
        target = make_target()
        run_mutation_engine(target, seeds, tokens, workdir, recorder, seconds, args.timeout, max_len, args.seed,
                            structured)
        executions = recorder.executions
        restarts = 0
    else:
        seed_dir, corpus_dir, artifacts = workdir / "seeds", workdir / "corpus", workdir / "artifacts"
        for folder in (seed_dir, corpus_dir, artifacts):
            folder.mkdir(exist_ok=True)
        for i, seed in enumerate(seeds):
            (seed_dir / f"seed-{i:04d}").write_bytes(seed)
        dictionary = workdir / "tokens.dict"
        dictionary.write_text("".join(f'"{_escape(t)}"\n' for t in tokens), encoding="ascii")
        restarts, executions = -1, 0
        while time.time() - started < seconds - 5:
            restarts += 1
            remaining = int(seconds - (time.time() - started))
            command = [sys.executable, str(Path(sys.argv[0]).resolve()), "--child", "--workdir", str(workdir),
                       "--timeout", str(args.timeout), str(corpus_dir), str(seed_dir),
                       f"-max_total_time={remaining}", f"-timeout={max(1, int(args.timeout))}",
                       f"-max_len={max_len}", f"-dict={dictionary}", f"-artifact_prefix={artifacts}/",
                       "-rss_limit_mb=3072", "-len_control=20", "-print_final_stats=1"]
            with open(workdir / "libfuzzer.log", "a") as log:
                log.write(f"\n=== start {restarts} at {time.strftime('%H:%M:%S')}: {remaining} s left\n")
                log.flush()
                process = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
            text = (workdir / "libfuzzer.log").read_text(errors="replace")
            runs = [int(line.rsplit(":", 1)[1]) for line in text.splitlines() if line.startswith("stat::number_of_executed_units")]
            executions = sum(runs)
            if process.returncode:
                print(f"[{name}] libFuzzer child exited {process.returncode}; restarting", flush=True)
    crashes = sorted(p.name for p in (workdir / "crashes").glob("*")) if (workdir / "crashes").exists() else []
    summary = {
        "target": name, "engine": engine, "seconds": round(time.time() - started), "executions": executions,
        "restarts": restarts, "crash_signatures": [
            (workdir / "crashes" / c / "traceback.txt").read_text(encoding="utf-8").splitlines()[0] for c in crashes],
        "artifacts": sorted(p.name for p in (workdir / "artifacts").glob("*")) if (workdir / "artifacts").exists() else [],
    }
    (workdir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    return 1 if summary["crash_signatures"] or summary["artifacts"] else 0


def _escape(token: bytes) -> str:
    return "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02x}" for b in token)
