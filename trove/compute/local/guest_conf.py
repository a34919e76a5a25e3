"""The guest agent's config file, as a config drive would carry it.

It holds secrets (the RPC key, the bus URL), so it is written 0600, and
atomically, so that an agent starting at any moment reads a whole file.
"""
import configparser
import os

AGENT_SECTION = 'guest_agent'


def write(path, guest_config, agent_settings):
    """Write ``guest_config`` plus ``agent_settings`` in [guest_agent]."""
    sections = {name: dict(options) for name, options
                in (guest_config or {}).items()}
    sections.setdefault(AGENT_SECTION, {}).update(agent_settings)
    _write_atomically(path, render(sections))


def update_agent_settings(path, **settings):
    sections = read(path)
    sections.setdefault(AGENT_SECTION, {}).update(settings)
    _write_atomically(path, render(sections))


def read(path):
    """{section: {option: value}}, with [DEFAULT] as an ordinary section."""
    # No interpolation and case kept: values (passwords) go through as
    # written, and option names are oslo.config's, not configparser's.
    parser = configparser.RawConfigParser(
        default_section='\0none', interpolation=None, strict=False)
    parser.optionxform = str
    with open(path) as config:
        parser.read_file(config)
    return {name: dict(parser.items(name)) for name in parser.sections()}


def render(sections):
    """{section: {option: value}} as oslo.config's ini text ([DEFAULT]
    first; None values left out); the nova driver sends it as user data."""
    lines = []
    names = sorted(sections, key=lambda name: name != 'DEFAULT')
    for name in names:
        lines.append('[%s]' % name)
        for option, value in sections[name].items():
            if value is not None:
                lines.append('%s = %s' % (option, _format(value)))
        lines.append('')
    return '\n'.join(lines)


def _format(value):
    if isinstance(value, (list, tuple)):
        return ','.join(str(item) for item in value)
    # An indented line continues the value in oslo.config's ini parser.
    return str(value).replace('\n', '\n    ')


def _write_atomically(path, text):
    draft = path + '.draft'
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # a leftover draft may have other bits
        with os.fdopen(fd, 'w', closefd=False) as config:
            config.write(text)
            config.flush()
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(draft, path)
