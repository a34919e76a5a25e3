"""MariaDB backups with mariadb-backup: a full or incremental xbstream of
the running server, and a restore that extracts, prepares (applying each
incremental in order) and moves the result into the data directory."""
import os
import shutil

from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.mariadb import client
from trove.guestagent.strategies.backup import base
from trove.guestagent.strategies.backup import tools

BACKUP = 'mariadb-backup'
MBSTREAM = 'mbstream'
PREPARE_TIMEOUT = 3600
CHECKPOINTS = 'xtrabackup_checkpoints'


def parse_checkpoints(text):
    """{backup_type, from_lsn, to_lsn, last_lsn} of xtrabackup_checkpoints
    (LSNs as strings: they pass 2**53)."""
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition('=')
        if sep:
            values[key.strip()] = value.strip()
    return values


class MariaDBBackup(base.BackupStrategy):

    stream_format = 'xbstream'
    incremental = True

    def _lsn_dir(self):
        path = os.path.join(self.layout.base_dir, 'backup-lsn')
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path, mode=0o700)
        return path

    def _defaults_file(self):
        """The server's settings plus the agent's account: the agent is
        not the system root, whom root@localhost would let in."""
        path = os.path.join(self.layout.base_dir, 'mariabackup.cnf')
        password = client.read_admin_password(self.layout)
        template.write(path, '!include %s\n[mariabackup]\nuser = %s\n'
                       'password = %s\nsocket = %s\n' % (
                           self.layout.config_file, client.ADMIN_USER,
                           password, self.layout.socket), mode=0o600)
        return path

    def stream(self, parent_meta, chunk_size, deadline):
        lsn_dir = self._lsn_dir()
        command = [
            BACKUP,
            # First, as the tool requires: the server's own settings
            # (datadir, socket) and none of the host's.
            '--defaults-file=%s' % self._defaults_file(),
            '--backup', '--stream=xbstream',
            '--target-dir=%s' % lsn_dir, '--extra-lsndir=%s' % lsn_dir,
        ]
        if parent_meta is not None:
            command.append('--incremental-lsn=%s' % parent_meta['to_lsn'])
        yield from tools.read(command, chunk_size, deadline=deadline)
        with open(os.path.join(lsn_dir, CHECKPOINTS)) as checkpoints:
            text = checkpoints.read()
        self.meta = dict(parse_checkpoints(text), checkpoints=text)
        shutil.rmtree(lsn_dir, ignore_errors=True)

    def restore(self, chain, open_link):
        scratch = self.scratch_dir('mariadb')
        dirs = []
        for number, link in enumerate(chain):
            target = os.path.join(scratch, '%03d' % number)
            os.makedirs(target, mode=0o700)
            tools.write([MBSTREAM, '-x', '-C', target], open_link(link))
            dirs.append(target)
        full = dirs[0]
        tools.run([BACKUP, '--prepare', '--target-dir=%s' % full],
                  timeout=PREPARE_TIMEOUT)
        for incremental in dirs[1:]:
            tools.run([BACKUP, '--prepare', '--target-dir=%s' % full,
                       '--incremental-dir=%s' % incremental],
                      timeout=PREPARE_TIMEOUT)
        datadir = self.layout.datadir
        shutil.rmtree(datadir, ignore_errors=True)
        os.rename(full, datadir)
        shutil.rmtree(scratch, ignore_errors=True)
        os.chmod(datadir, 0o750)
        base.chown_tree(datadir, *self.layout.engine_ids())
