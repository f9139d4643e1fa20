"""Run one function in a forked child process while this process goes on with other work.

Reading a large plan has passes that hold the interpreter lock from start to end
(the XML pass over a sheet, parsing the annotations), so a thread cannot run them
beside the rest; a child process can. The child runs the function, sends back its
value or the exception it raised through a pipe, and exits at once, running
nothing of its parent's. Forking is used only where it is safe: on Linux, in a
process with one thread (the command line, not a Jupyter kernel). Elsewhere, and
if a child dies without an answer, the function runs here when its result is
asked for, so the outcome is the same either way.

A child may also wait for one later word from its parent (``listening``): work
can start on what is known early and be finished with what the parent learns
later (see :class:`pipeline.contracts.Tagging`).
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
    With ``listening``, the function gets one more argument, ``receive``: it waits
    for the value the parent gives :meth:`send`, and returns it.
    """

    def __init__(self, function: Callable, *arguments, niceness: int = 0, listening: bool = False):
        self.function, self.arguments = function, arguments
        self.pid, self.stream, self.answer = 0, None, None
        self.listening, self.letter, self.outbox = listening, None, None
        if not self.usable():
            return
        reading, writing = os.pipe()
        inbox, outbox = os.pipe() if listening else (-1, -1)
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, send, leave without running any of the parent's cleanup
            status = 0
            try:
                os.close(reading)
                if niceness:
                    os.nice(niceness)
                if listening:
                    os.close(outbox)
                    arguments = (*arguments, Inbox(inbox).receive)
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
        if listening:
            os.close(inbox)
            self.outbox = os.fdopen(outbox, "wb")

    @staticmethod
    def usable() -> bool:
        """Whether forking is safe here: Linux, and no other thread that a child could find holding a lock."""
        return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1

    def send(self, letter) -> None:
        """Give a listening child the value its ``receive`` returns (kept here too, should the function run here)."""
        self.letter = letter
        if self.outbox is not None:
            try:
                with self.outbox:
                    pickle.dump(letter, self.outbox, protocol=pickle.HIGHEST_PROTOCOL)
            except BrokenPipeError:  # the child has already ended: result() reads its answer or runs the function here
                pass
            self.outbox = None

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
            arguments = (*self.arguments, lambda: self.letter) if self.listening else self.arguments
            try:
                self.answer = (True, self.function(*arguments))
            except Exception as error:
                self.answer = (False, error)
        ok, value = self.answer
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        if self.outbox is not None:
            self.outbox.close()
            self.outbox = None
        if self.pid:
            self.stream.close()
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0


class Inbox:
    """The child's end of a listening call: a thread takes the parent's word off the pipe as soon as it comes,
    so that the parent never waits for the child to be ready for it."""

    def __init__(self, descriptor: int):
        self.letter: tuple = (False, EOFError("the parent sent nothing"))
        self.reader = threading.Thread(target=self.read, args=(descriptor,), daemon=True)
        self.reader.start()

    def read(self, descriptor: int) -> None:
        with os.fdopen(descriptor, "rb") as stream:
            try:
                self.letter = (True, pickle.load(stream))
            except (EOFError, pickle.UnpicklingError) as error:
                self.letter = (False, error)

    def receive(self):
        """The parent's word; EOFError if it closed the pipe without one."""
        self.reader.join()
        ok, value = self.letter
        if not ok:
            raise value
        return value
