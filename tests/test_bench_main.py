"""`python -m bench` on a fresh machine (issue 15, item 8): --help prints usage, an unknown name is one
line, and Streamlit's bare-mode warnings are silenced for every logger Streamlit makes."""
import logging
import subprocess
import sys
from pathlib import Path

from bench import __main__ as bench_main

ROOT = Path(__file__).resolve().parents[1]


def test_help_prints_usage_not_a_traceback():
    done = subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m bench")
    assert "data" in done.stdout and "Traceback" not in done.stdout + done.stderr


def test_an_unknown_benchmark_is_one_line():
    done = subprocess.run([sys.executable, "-m", "bench", "nosuch"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith("no benchmark named nosuch (there are: browser, costing, "
                                                         "data, export, load, optimiser, pages, simulation, vendors)")


def test_streamlits_own_loggers_are_quiet_during_benchmarks():
    import streamlit.logger

    warner = streamlit.logger.get_logger("streamlit.runtime.scriptrunner_utils.script_run_context")
    old = warner.level
    try:
        bench_main.quiet_streamlit()
        assert warner.level == logging.ERROR  # the bare-mode warning is logged at WARNING
        assert streamlit.logger.get_logger("streamlit.made.later").level == logging.ERROR
    finally:
        streamlit.logger.set_log_level(old)
