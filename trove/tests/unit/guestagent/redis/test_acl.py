"""Redis ACL rules: one argument per rule, hashed passwords, and names
that cannot break the ACL file."""
import hashlib

import pytest

from trove.common import exception
from trove.guestagent.datastores.redis import acl


@pytest.mark.parametrize('name', ['default', 'os_admin', '', 'a b',
                                  'a\nuser evil on nopass +@all', 'x\ty',
                                  'x' * 129, None])
def test_refused_user_names(name):
    with pytest.raises(exception.BadRequest):
        acl.user_name(name)


@pytest.mark.parametrize('name', ['myuser', 'Robert");--', '~*', '+@all',
                                  'reset', 'é' * 64])
def test_odd_but_harmless_names_pass(name):
    # Each goes to ACL SETUSER as a name argument of its own.
    assert acl.user_name(name) == name


def test_passwords_go_as_hashes_only():
    password = 'p>w #1 nopass'
    rules = acl.user_rules(password)
    digest = '#' + hashlib.sha256(password.encode()).hexdigest()
    assert rules[:3] == ['reset', 'on', digest]
    assert not any(password in rule for rule in rules)
    assert 'nopass' not in rules
    with pytest.raises(exception.BadRequest):
        acl.user_rules('')


def test_users_cannot_administer_the_server():
    assert acl.user_rules('p')[-1] == '-@admin'
    assert '-@admin' not in acl.root_rules('p')
    assert acl.ROOT_DISABLED == ['reset']


def test_initial_acl_file_has_the_agent_and_root_off():
    lines = acl.initial_acl_file('secret').splitlines()
    assert lines[0] == 'user default reset'
    assert lines[1].startswith('user os_admin on #')
    assert 'secret' not in ''.join(lines)


def test_rules_of_an_acl_list_entry():
    entry = ('user u2 on sanitize-payload #ab ~* &* +@all -@admin '
             '(~cache:* +get)')
    assert acl.rules_of(entry) == [
        'on', 'sanitize-payload', '#ab', '~*', '&*', '+@all', '-@admin',
        '(~cache:* +get)']
