"""Five-field cron expressions (minute hour day-of-month month day-of-week)
and the next time one matches, in UTC.

Each field is `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or a
comma-separated list of those; months and week days may also be named
(`jan`, `mon`). Day 0 and 7 of the week are Sunday. As in Vixie cron,
when both day fields are restricted a day matching either one matches.
"""
import collections
import datetime

_FIELDS = (
    # name, lowest, highest, names (their index + lowest is their value)
    ('minute', 0, 59, ()),
    ('hour', 0, 23, ()),
    ('day of month', 1, 31, ()),
    ('month', 1, 12, ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul',
                      'aug', 'sep', 'oct', 'nov', 'dec')),
    ('day of week', 0, 7, ('sun', 'mon', 'tue', 'wed', 'thu', 'fri',
                           'sat')),
)

# A schedule that matches no time in this many years matches none (the
# 30th of February): a bound, so that next_after always ends.
_HORIZON_YEARS = 8

Cron = collections.namedtuple(
    'Cron', ['minutes', 'hours', 'days', 'months', 'weekdays',
             'days_restricted', 'weekdays_restricted'])


class CronError(ValueError):
    pass


def _value(text, field):
    name, lowest, highest, names = field
    if text.lower() in names:
        return names.index(text.lower()) + lowest
    if not text.isdigit():
        raise CronError('%r is not a valid %s.' % (text, name))
    value = int(text)
    if not lowest <= value <= highest:
        raise CronError('%s %d is outside %d-%d.'
                        % (name.capitalize(), value, lowest, highest))
    return value


def _part(text, field):
    _name, lowest, highest, _names = field
    span, slash, step_text = text.partition('/')
    step = 1
    if slash:
        if not step_text.isdigit() or int(step_text) < 1:
            raise CronError('%r is not a valid step.' % step_text)
        step = int(step_text)
    if span == '*':
        first, last = lowest, highest
    elif '-' in span:
        start, _dash, end = span.partition('-')
        first, last = _value(start, field), _value(end, field)
        if first > last:
            raise CronError('Range %r goes backwards.' % span)
    else:
        first = _value(span, field)
        # "5/15" means from 5 to the end in steps, as cron reads it.
        last = highest if slash else first
    return set(range(first, last + 1, step))


def _field(text, field):
    values = set()
    for part in text.split(','):
        if not part:
            raise CronError('Empty item in %s field %r.' % (field[0], text))
        values |= _part(part, field)
    return frozenset(values)


def parse(expression):
    """A Cron from five whitespace-separated fields (CronError if not)."""
    if not isinstance(expression, str):
        raise CronError('A cron expression is a string.')
    texts = expression.split()
    if len(texts) != 5:
        raise CronError('A cron expression has five fields (minute hour '
                        'day-of-month month day-of-week), not %d.'
                        % len(texts))
    minutes, hours, days, months, weekdays = (
        _field(text, field) for text, field in zip(texts, _FIELDS))
    if 7 in weekdays:
        weekdays = weekdays | {0}
    return Cron(minutes, hours, days, months, weekdays,
                days_restricted=not texts[2].startswith('*'),
                weekdays_restricted=not texts[4].startswith('*'))


def _day_matches(cron, moment):
    in_month = moment.day in cron.days
    # datetime counts Monday as 0; cron counts Sunday as 0.
    in_week = (moment.weekday() + 1) % 7 in cron.weekdays
    if cron.days_restricted and cron.weekdays_restricted:
        return in_month or in_week
    return in_month and in_week


def next_after(cron, moment):
    """The first minute after ``moment`` (a naive UTC datetime) that
    ``cron`` matches; CronError if none comes within years."""
    candidate = moment.replace(second=0, microsecond=0) + datetime.timedelta(
        minutes=1)
    horizon = moment.year + _HORIZON_YEARS
    while candidate.year <= horizon:
        if candidate.month not in cron.months:
            # To the first minute of the next month.
            year, month = divmod(candidate.month, 12)
            candidate = candidate.replace(year=candidate.year + year,
                                          month=month + 1, day=1, hour=0,
                                          minute=0)
        elif not _day_matches(cron, candidate):
            candidate = (candidate.replace(hour=0, minute=0)
                         + datetime.timedelta(days=1))
        elif candidate.hour not in cron.hours:
            candidate = (candidate.replace(minute=0)
                         + datetime.timedelta(hours=1))
        elif candidate.minute not in cron.minutes:
            candidate += datetime.timedelta(minutes=1)
        else:
            return candidate
    raise CronError('The cron expression matches no time in the next %d '
                    'years.' % _HORIZON_YEARS)


def validate(expression, now):
    """The expression's first run after ``now``; CronError if it is not a
    valid expression or never runs."""
    return next_after(parse(expression), now)
