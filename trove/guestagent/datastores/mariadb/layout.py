"""Where every MariaDB file of one instance lives, and who owns it (see
common.layout for what goes on the volume and what in the instance
directory)."""
import os

from trove.guestagent.datastores.common import layout as common_layout

ENGINE_USER = 'mysql'


class Layout(common_layout.EngineLayout):

    engine_user = ENGINE_USER
    name = 'mariadb'
    process_name = 'mariadbd'

    def __init__(self, settings):
        super().__init__(settings)
        self.tmpdir = os.path.join(self.volume_path, 'tmp')
        self.config_file = os.path.join(self.base_dir, 'my.cnf')
        # The configuration group's values, included last by my.cnf.
        self.overrides_file = os.path.join(self.base_dir, 'overrides.cnf')
        self.socket = os.path.join(self.run_dir, 'mysqld.sock')
        self.pid_file = os.path.join(self.run_dir, 'mysqld.pid')
        # secure_file_priv: the only directory LOAD_FILE, LOAD DATA and
        # SELECT ... INTO OUTFILE reach.
        self.files_dir = os.path.join(self.base_dir, 'files')
        # SQL the server runs at prepare's first start, before the agent
        # has an account to log in with (see engine._write_init_file).
        self.init_file = os.path.join(self.base_dir, 'init.sql')

    def engine_dirs(self):
        return (self.datadir, self.tmpdir, self.run_dir, self.log_dir,
                self.files_dir)
