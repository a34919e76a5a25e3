"""trove-taskmanager: runs the long workflows and the stuck-work reaper."""
import socket

from trove.cmd import common
from trove.common import service
from trove.conf import CONF
from trove.taskmanager import manager
from trove.taskmanager import reaper


def main():
    common.setup(name='trove-taskmanager')
    task_manager = manager.TaskManager()
    service.serve(CONF.taskmanager_topic, socket.gethostname(),
                  [task_manager],
                  periodic_tasks=[service.PeriodicTask(
                      reaper.Reaper(task_manager.driver),
                      CONF.taskmanager.reaper_interval)])


if __name__ == '__main__':
    main()
