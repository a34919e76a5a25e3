"""trove-taskmanager: runs the long workflows and the stuck-work reaper."""
import socket

from trove.cmd import common
from trove.common import rpc_server
from trove.conf import CONF
from trove.taskmanager import configuration_sync
from trove.taskmanager import exists
from trove.taskmanager.flows import resume_instances
from trove.taskmanager import manager
from trove.taskmanager import reaper
from trove.taskmanager import watchdog


def main():
    common.setup(name='trove-taskmanager')
    task_manager = manager.TaskManager()
    resume_instances.run(task_manager.driver)
    task_manager.driver.warm_up()
    periodic_tasks = [
        rpc_server.PeriodicTask(reaper.Reaper(task_manager.driver),
                                CONF.taskmanager.reaper_interval),
        rpc_server.PeriodicTask(watchdog.Watchdog(task_manager.driver),
                                CONF.taskmanager.watchdog_interval),
        # Configuration changes that did not reach their guests yet.
        rpc_server.PeriodicTask(configuration_sync.ConfigurationSync(),
                                CONF.taskmanager.reaper_interval)]
    if CONF.exists_notification_interval:
        periodic_tasks.append(rpc_server.PeriodicTask(
            exists.ExistsNotifier(), CONF.exists_notification_interval))
    try:
        rpc_server.serve(CONF.taskmanager_topic, socket.gethostname(),
                         [task_manager], periodic_tasks=periodic_tasks)
    finally:
        task_manager.driver.cool_down()


if __name__ == '__main__':
    main()
