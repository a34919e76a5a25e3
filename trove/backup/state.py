"""The states of a backup (backups.status), as Trove names them."""


class BackupState(object):
    NEW = 'NEW'                  # recorded; the taskmanager has it
    BUILDING = 'BUILDING'        # the guest streams it to storage
    COMPLETED = 'COMPLETED'      # stored whole, its checksum verified
    FAILED = 'FAILED'
    DELETING = 'DELETING'        # its stored objects are being removed
    DELETE_FAILED = 'DELETE_FAILED'

    RUNNING = (NEW, BUILDING)
    # A delete may start from these (and be re-driven from DELETING).
    DELETABLE = (COMPLETED, FAILED, DELETE_FAILED)
    ALL = (NEW, BUILDING, COMPLETED, FAILED, DELETING, DELETE_FAILED)
