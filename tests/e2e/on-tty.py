# on-tty.py PROGRAM ARGS… — runs a program on a pseudo-terminal (its
# controlling terminal, so /dev/tty works) and answers its prompts: each line
# of $ANSWERS is typed after the next prompt (output ending in ": " or "] ").
# Prints everything the terminal showed (echoed input included); exits with
# the program's status.
import os
import pty
import sys

answers = os.environ.get("ANSWERS", "").split("\n") if os.environ.get("ANSWERS") else []
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
seen, since = b"", b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    since += chunk
    if answers and (since.endswith(b": ") or since.endswith(b"] ")):
        os.write(fd, answers.pop(0).encode() + b"\n")
        since = b""
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace").replace("\r", ""))
sys.exit(os.waitstatus_to_exitcode(status))
