"""Task states, service states, and the status a user sees."""


class Task(object):
    """What the control plane is doing to an instance (task_status)."""
    NONE = 'NONE'
    BUILDING = 'BUILDING'
    BUILDING_ERROR = 'BUILDING_ERROR'
    DELETING = 'DELETING'
    REBOOTING = 'REBOOTING'
    RESIZING = 'RESIZING'
    STOPPING = 'STOPPING'
    # Held stopped by an admin (mgmt stop) until a restart or reboot: not
    # an operation in progress but an intent, kept as a task so that the
    # watchdog and every other task leave the server alone.
    STOPPED = 'STOPPED'
    # A guest streams a backup of the instance (trove.backup).
    BACKUP = 'BACKUP'
    ALL = (NONE, BUILDING, BUILDING_ERROR, DELETING, REBOOTING, RESIZING,
           STOPPING, STOPPED, BACKUP)


class ServiceStatus(object):
    """What the guest reports about its engine (service_statuses.status)."""
    NEW = 'NEW'                # no heartbeat yet
    BUILD = 'BUILD'            # the guest is preparing the engine
    HEALTHY = 'HEALTHY'        # the engine accepts logins
    RUNNING = 'RUNNING'        # the engine runs but is not ready yet
    SHUTDOWN = 'SHUTDOWN'      # the engine is stopped
    FAILED = 'FAILED'          # the guest could not prepare the engine
    LOST = 'LOST'              # no heartbeat within agent_heartbeat_expiry
    ALL = (NEW, BUILD, HEALTHY, RUNNING, SHUTDOWN, FAILED, LOST)


_TASK_STATUS = {
    Task.BUILDING_ERROR: 'ERROR',
    Task.DELETING: 'SHUTDOWN',
    Task.REBOOTING: 'REBOOT',
    Task.RESIZING: 'RESIZE',
    Task.STOPPING: 'SHUTDOWN',
    Task.STOPPED: 'SHUTDOWN',
    Task.BACKUP: 'BACKUP',
}

_OPERATING_STATUS = {
    ServiceStatus.NEW: 'BUILD',
    ServiceStatus.BUILD: 'BUILD',
    ServiceStatus.HEALTHY: 'HEALTHY',
    ServiceStatus.RUNNING: 'ACTIVE',
    ServiceStatus.SHUTDOWN: 'SHUTDOWN',
    ServiceStatus.FAILED: 'FAILED',
    ServiceStatus.LOST: 'ERROR',
}


def effective_service_status(service_status, seconds_since_heartbeat,
                             expiry):
    """A guest silent for longer than ``expiry`` is LOST, whatever it said
    last; derived at read time so that no writer is needed to notice."""
    if (service_status not in (ServiceStatus.NEW, ServiceStatus.FAILED)
            and seconds_since_heartbeat is not None
            and seconds_since_heartbeat > expiry):
        return ServiceStatus.LOST
    return service_status


def instance_status(task, service_status):
    """Trove's user-facing ``status`` from the task and the engine state."""
    if task in _TASK_STATUS:
        return _TASK_STATUS[task]
    if service_status == ServiceStatus.FAILED:
        return 'ERROR'
    if task == Task.BUILDING:
        return 'BUILD'
    if service_status in (ServiceStatus.HEALTHY, ServiceStatus.RUNNING):
        return 'ACTIVE'
    if service_status == ServiceStatus.SHUTDOWN:
        return 'SHUTDOWN'
    return 'ERROR'


def operating_status(service_status):
    return _OPERATING_STATUS.get(service_status, 'ERROR')
