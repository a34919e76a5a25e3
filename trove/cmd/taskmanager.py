"""trove-taskmanager: runs the long workflows and the stuck-work reaper."""
import socket

from trove.cmd import common
from trove.common import rpc_server
from trove.conf import CONF
from trove.taskmanager import backup_scheduler
from trove.taskmanager import configuration_sync
from trove.taskmanager import exists
from trove.taskmanager.flows import resume_instances
from trove.taskmanager import locks
from trove.taskmanager import manager
from trove.taskmanager import reaper
from trove.taskmanager import watchdog


def main():
    common.setup(name='trove-taskmanager')
    task_manager = manager.TaskManager()
    resume_instances.run(task_manager.driver)
    task_manager.driver.warm_up()
    tm_conf = CONF.taskmanager
    work = [
        ('reaper', reaper.Reaper(task_manager.driver),
         tm_conf.reaper_interval),
        ('watchdog', watchdog.Watchdog(task_manager.driver),
         tm_conf.watchdog_interval),
        # Configuration changes that did not reach their guests yet.
        ('configuration-sync', configuration_sync.ConfigurationSync(),
         tm_conf.reaper_interval),
        ('backup-schedules', backup_scheduler.BackupScheduler(),
         tm_conf.backup_schedule_interval)]
    if CONF.exists_notification_interval:
        work.append(('exists-notification', exists.ExistsNotifier(),
                     CONF.exists_notification_interval))
    # However many taskmanagers run, each pass runs in one of them.
    periodic_tasks = [
        rpc_server.PeriodicTask(locks.claimed(name, interval, func),
                                interval)
        for name, func, interval in work]
    try:
        rpc_server.serve(CONF.taskmanager_topic, socket.gethostname(),
                         [task_manager], periodic_tasks=periodic_tasks)
    finally:
        task_manager.driver.cool_down()


if __name__ == '__main__':
    main()
