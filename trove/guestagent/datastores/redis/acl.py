"""Redis ACL rules built from user input, safely.

Each rule goes to ACL SETUSER as an argument of its own, so no input can
add a rule; names are checked anyway because Redis writes them into the
ACL file, one user per line, separated by spaces. Passwords go as their
SHA-256 ('#<hex>'): Redis stores no more than that, and the clear text
never reaches the server.
"""
import hashlib

from trove.guestagent.datastores.common import names

MAX_NAME_BYTES = 128
ROOT_USER = 'default'       # what "redis-cli -a PASSWORD" logs in as
AGENT_USER = 'os_admin'
RESERVED_USERS = frozenset((ROOT_USER, AGENT_USER))

_ALL = ('~*', '&*', '+@all')
# Users get every command but the @admin ones (CONFIG, ACL SETUSER,
# SHUTDOWN, DEBUG, MODULE, REPLICAOF...): with those a user could lock
# out the agent, or make the server write files where it likes.
USER_PERMISSIONS = _ALL + ('-@admin',)
ROOT_PERMISSIONS = _ALL
AGENT_PERMISSIONS = _ALL


def user_name(name):
    names.check_name('user name', name, MAX_NAME_BYTES, RESERVED_USERS)
    if any(c.isspace() for c in name):
        raise names.invalid('user name %r contains spaces' % name)
    return name


def password_hash(password):
    names.check_password(password)
    return '#' + hashlib.sha256(password.encode('utf-8')).hexdigest()


def user_rules(password):
    # 'reset' first: the user is exactly what these rules say.
    return ['reset', 'on', password_hash(password)] + list(USER_PERMISSIONS)


def root_rules(password):
    return ['reset', 'on', password_hash(password)] + list(ROOT_PERMISSIONS)


# Root disabled: no password, no command, cannot log in.
ROOT_DISABLED = ['reset']


def password_rules(password):
    return ['resetpass', password_hash(password)]


def initial_acl_file(agent_password):
    """The ACL file a new instance starts with: the agent's account, and
    root disabled until a user enables it."""
    return ''.join('user %s\n' % ' '.join(rules) for rules in (
        [ROOT_USER] + ROOT_DISABLED,
        [AGENT_USER, 'on', password_hash(agent_password)]
        + list(AGENT_PERMISSIONS)))


def rules_of(acl_list_entry):
    """The rules of an ``ACL LIST`` entry ('user NAME rule...'), split as
    ACL SETUSER takes them: a selector '(~key* +get)' is one rule."""
    rules, depth, current = [], 0, ''
    for char in acl_list_entry.split(' ', 2)[2] + ' ':
        if char == ' ' and depth == 0:
            if current:
                rules.append(current)
            current = ''
            continue
        depth += {'(': 1, ')': -1}.get(char, 0)
        current += char
    return rules
