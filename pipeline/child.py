"""Run one function in a forked child process while this process goes on with other work.

Reading a large plan has passes that hold the interpreter lock from start to end
(the XML pass over a sheet, parsing the annotations), so a thread cannot run them
beside the rest; a child process can. The child runs the function, sends back its
value or the exception it raised through a pipe, and exits at once, running
nothing of its parent's. Forking is used only where it is safe: on Linux, in a
process with one thread (the command line, not a Jupyter kernel). Elsewhere, and
if a child dies without an answer, the function runs here when its result is
asked for, so the outcome is the same either way.
"""

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable


class ChildCall:
    """``function(*arguments)``, started in a child process; :meth:`result` waits for it.

    ``niceness`` lowers the child's priority, for work that is not needed soon:
    on a machine with few cores it then takes the time the others leave.
    """

    def __init__(self, function: Callable, *arguments, niceness: int = 0):
        self.function, self.arguments = function, arguments
        self.pid, self.stream, self.answer = 0, None, None
        if not self.usable():
            return
        reading, writing = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, send, leave without running any of the parent's cleanup
            status = 0
            try:
                os.close(reading)
                if niceness:
                    os.nice(niceness)
                try:
                    answer = (True, function(*arguments))
                except BaseException as error:  # an input error, or SIGTERM turned into KeyboardInterrupt
                    answer = (False, error)
                with os.fdopen(writing, "wb") as stream:
                    pickle.dump(answer, stream, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(writing)
        self.stream = os.fdopen(reading, "rb")

    @staticmethod
    def usable() -> bool:
        """Whether forking is safe here: Linux, and no other thread that a child could find holding a lock."""
        return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1

    def result(self):
        """The function's value; the exception it raised is raised here."""
        if self.answer is None and self.stream is not None:
            try:
                self.answer = pickle.load(self.stream)
            except (EOFError, pickle.UnpicklingError):  # the child died without an answer
                self.answer = None
            finally:
                self.close()
        if self.answer is None:
            try:
                self.answer = (True, self.function(*self.arguments))
            except Exception as error:
                self.answer = (False, error)
        ok, value = self.answer
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        if self.pid:
            self.stream.close()
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0
