"""Programs the harness starts through ``setpriv``: they are the started process, with their
arguments intact, they end when the process that started them dies, and they do not run at
all when it died before their signal was armed."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from processes import command_line, wait_until_gone

from harness.common.lifetime import ending_with_this_process

#: A process that starts ``sleep`` through the wrapper, prints its pid, and waits.
STARTER = """
import subprocess, sys, time
from harness.common.lifetime import ending_with_this_process
child = subprocess.Popen(ending_with_this_process(["sleep", "60"]))
print(child.pid, flush=True)
time.sleep(60)
"""


def test_the_started_process_is_the_program_with_its_arguments_intact():
    argv = ["sh", "-c", "echo $$; printf '[%s]' \"$@\"", "sh", "two words", "$HOME", "'quoted'"]
    with subprocess.Popen(ending_with_this_process(argv), stdout=subprocess.PIPE, text=True) as p:
        out, _ = p.communicate(timeout=10)
    assert out == f"{p.pid}\n[two words][$HOME]['quoted']"
    assert p.returncode == 0


def test_the_program_ends_when_its_starter_is_killed():
    starter = subprocess.Popen([sys.executable, "-c", STARTER], stdout=subprocess.PIPE, text=True)
    sleeper = None
    try:
        assert starter.stdout is not None
        sleeper = int(starter.stdout.readline())
        deadline = time.monotonic() + 10
        program = str(shutil.which("sleep"))
        while not command_line(sleeper).startswith(program):
            assert time.monotonic() < deadline, "sleep did not start"
            time.sleep(0.02)
        starter.send_signal(signal.SIGKILL)
        starter.wait(timeout=10)
        wait_until_gone(lambda pid, _entry: pid == sleeper)
    finally:
        starter.kill()
        starter.wait()
        if sleeper is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(sleeper, signal.SIGKILL)


def test_a_program_whose_starter_is_not_its_parent_does_not_run(tmp_path):
    # A shell between this process and the wrapper stands for a starter that died before
    # the signal was armed (the program's parent is then another process).
    marker = tmp_path / "ran"
    wrapped = ending_with_this_process(["touch", str(marker)])
    result = subprocess.run(
        ["/bin/sh", "-c", '"$@"; exit $?', "sh", *wrapped], capture_output=True, timeout=10
    )
    assert (result.returncode, result.stderr) == (1, b"")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("program", "code"),
    [("no-such-program-anywhere", errno.ENOENT), ("/nonexistent/prover", errno.ENOENT)],
)
def test_a_program_that_is_not_there_is_an_os_error_naming_it(program, code):
    with pytest.raises(OSError) as raised:
        ending_with_this_process([program])
    assert (raised.value.errno, raised.value.filename) == (code, program)


def test_a_file_that_is_not_executable_is_a_permission_error(tmp_path):
    script = tmp_path / "prover"
    script.write_text("#!/bin/sh\n")
    with pytest.raises(PermissionError):
        ending_with_this_process([str(script)])


def test_without_setpriv_the_error_names_it(monkeypatch):
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "setpriv" else which(name))
    with pytest.raises(OSError, match="setpriv"):
        ending_with_this_process(["sleep", "1"])
