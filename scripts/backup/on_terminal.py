#!/usr/bin/env python3
"""Runs a command on a new pseudo-terminal and types a passphrase at its prompts.

Both Eventide's CLI (rpassword) and the reference age tool read passphrases from the
controlling terminal, never from a pipe, so scripts that drive them need a terminal of their
own: this gives the command one (Python's pty module), answers each prompt that ends in ':'
with the passphrase and Enter, and exits with the command's status.

    on_terminal.py --answers 2 --passphrase-file P [--no-echo] -- COMMAND ARGS...

--no-echo fails if the passphrase shows in what the terminal displayed (it must not be
echoed). The transcript is printed to stderr when the command fails.
"""
import argparse
import os
import pty
import select
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, required=True, help="how many prompts to answer")
    parser.add_argument("--passphrase-file", required=True)
    parser.add_argument("--no-echo", action="store_true")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with open(args.passphrase_file, "rb") as f:
        passphrase = f.read().rstrip(b"\r\n")

    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)

    shown = b""
    answered_at = 0  # length of the transcript when the last answer was typed
    answers = 0
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.3)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the command closed the terminal: it has finished
                break
            if not chunk:
                break
            shown += chunk
            continue
        # Quiet for 0.3 s after a prompt: type the answer.
        if answers < args.answers and shown[answered_at:].rstrip().endswith(b":"):
            os.write(fd, passphrase + b"\r")
            answers += 1
            answered_at = len(shown)
    else:
        os.kill(pid, 9)
        sys.stderr.write("on_terminal.py: timed out\n")
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or answers != args.answers:
        sys.stderr.write(f"on_terminal.py: {command[0]} exited {code} after {answers} answers; it showed:\n")
        sys.stderr.write(shown.decode(errors="replace") + "\n")
        return code or 1
    if args.no_echo and passphrase in shown:
        sys.stderr.write("on_terminal.py: the passphrase was echoed on the terminal\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
