"""The server's user data: the guest agent's config file, for cloud-init.

A ``#cloud-config`` document whose ``write_files`` puts the guest's config
(the same oslo ini text the local driver writes, plus its instance id) at
the path the image's agent reads, readable by root only: it holds the
instance's RPC key and its bus password.
"""
import yaml

from trove.compute.local import guest_conf

GUEST_CONF_PATH = '/etc/trove/conf.d/trove-guestagent.conf'


def guest_sections(instance_id, guest_config):
    sections = {name: dict(options) for name, options
                in (guest_config or {}).items()}
    sections.setdefault(guest_conf.AGENT_SECTION, {})['instance_id'] = \
        instance_id
    return sections


def build(instance_id, guest_config):
    """The user data text (novaclient base64-encodes it)."""
    document = {'write_files': [{
        'path': GUEST_CONF_PATH,
        'content': guest_conf.render(guest_sections(instance_id,
                                                    guest_config)),
        'owner': 'root:root',
        'permissions': '0600',
    }]}
    return '#cloud-config\n' + yaml.safe_dump(document, sort_keys=False,
                                              default_flow_style=False)
