"""Engine backup tools as streams: a tool's stdout read as chunks, and a
tool's stdin fed from chunks, never through a file on the volume.

A tool that exits non-zero makes the stream raise at its end, before the
last chunk is handed on: a backup is never stored whole unless its tool
finished cleanly. A deadline kills the tool.
"""
import collections
import subprocess
import threading

from oslo_log import log as logging

from trove.backup import pipeline
from trove.guestagent.datastores.common import clock
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent import exception

LOG = logging.getLogger(__name__)

# Lines of a tool's stderr kept for the error message.
TAIL_LINES = 5


def _as_user(user):
    return common_process.as_user(user)


class _Tool(object):

    def __init__(self, command, user=None, deadline=None, **popen):
        self.name = command[0]
        self._tail = collections.deque(maxlen=TAIL_LINES)
        self._killed = False
        LOG.info('Running %s', ' '.join(command))
        self.process = subprocess.Popen(
            command, stderr=subprocess.PIPE, cwd='/', start_new_session=True,
            close_fds=True, **_as_user(user), **popen)
        self._stderr = threading.Thread(target=self._read_stderr,
                                        daemon=True)
        self._stderr.start()
        self._timer = None
        if deadline is not None:
            self._timer = threading.Timer(clock.remaining(deadline),
                                          self._expire)
            self._timer.daemon = True
            self._timer.start()

    def _read_stderr(self):
        for line in self.process.stderr:
            text = line.decode('utf-8', 'replace').rstrip()
            if text:
                self._tail.append(text)
                LOG.debug('%s: %s', self.name, text)

    def _expire(self):
        self._killed = True
        self.kill()

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()

    def finish(self):
        """Wait for the exit; GuestError unless it was clean."""
        returncode = self.process.wait()
        self._stderr.join(10)
        if self._timer is not None:
            self._timer.cancel()
        if self._killed:
            raise exception.GuestError(
                '%s was stopped: the backup passed its deadline' % self.name)
        if returncode != 0:
            raise exception.GuestError('%s failed (exit code %s): %s' % (
                self.name, returncode, ' | '.join(self._tail)))


def read(command, chunk_size, user=None, deadline=None, stdin=None,
         prefetch=8):
    """The tool's stdout as chunks (a generator). A thread reads ahead up
    to ``prefetch`` chunks, so that the tool keeps running while the
    consumer compresses (as ``tool | zstd`` would)."""
    tool = _Tool(command, user=user, deadline=deadline,
                 stdin=stdin or subprocess.DEVNULL, stdout=subprocess.PIPE)
    try:
        # If the consumer gives up, the tool is killed first: that ends a
        # read the reader may be blocked in.
        yield from pipeline.read_ahead(_output(tool, chunk_size), prefetch,
                                       name='backup-read', on_stop=tool.kill)
    finally:
        tool.kill()
        tool.process.wait()


def _output(tool, chunk_size):
    while True:
        chunk = tool.process.stdout.read(chunk_size)
        if not chunk:
            break
        yield chunk
    tool.process.stdout.close()
    tool.finish()


def write(command, chunks, user=None):
    """Feed ``chunks`` to the tool's stdin; GuestError if it fails."""
    tool = _Tool(command, user=user, stdin=subprocess.PIPE,
                 stdout=subprocess.DEVNULL)
    try:
        for chunk in chunks:
            tool.process.stdin.write(chunk)
        tool.process.stdin.close()
    except BrokenPipeError:
        pass  # the tool exited early: finish() says why
    except BaseException:
        tool.kill()
        tool.process.wait()
        raise
    tool.finish()


def run(command, user=None, timeout=None):
    """Run a tool to completion; GuestError unless it was clean."""
    deadline = clock.timestamp() + timeout if timeout else None
    tool = _Tool(command, user=user, deadline=deadline,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    tool.finish()
