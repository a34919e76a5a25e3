"""Five-field cron expressions: parsing, refusals, and the next match."""
import datetime

import pytest

from trove.backup import cron


def _at(text):
    return datetime.datetime.strptime(text, '%Y-%m-%d %H:%M:%S')


def _next(expression, after):
    return cron.next_after(cron.parse(expression), _at(after))


def test_fields_with_lists_ranges_and_steps():
    parsed = cron.parse('*/15 9-17/4 1,15 jan-mar mon-fri')
    assert parsed.minutes == {0, 15, 30, 45}
    assert parsed.hours == {9, 13, 17}
    assert parsed.days == {1, 15}
    assert parsed.months == {1, 2, 3}
    assert parsed.weekdays == {1, 2, 3, 4, 5}


def test_sunday_is_0_or_7_and_a_start_with_a_step_runs_to_the_end():
    assert cron.parse('* * * * 7').weekdays == {0, 7}
    assert cron.parse('5/20 * * * *').minutes == {5, 25, 45}


@pytest.mark.parametrize('expression', [
    '* * * *', '* * * * * *', '60 * * * *', '* 24 * * *', '* * 0 * *',
    '* * * 13 *', '* * * * 8', '*/0 * * * *', '5-1 * * * *', '1,,2 * * * *',
    'a * * * *', '-1 * * * *', '* * * foo *', '', None,
])
def test_invalid_expressions_are_refused(expression):
    with pytest.raises(cron.CronError):
        cron.parse(expression)


def test_every_minute_is_the_next_whole_minute():
    assert _next('* * * * *', '2026-12-03 17:40:00') == _at(
        '2026-12-03 17:41:00')
    assert _next('* * * * *', '2026-12-03 17:40:59') == _at(
        '2026-12-03 17:41:00')


def test_next_crosses_hours_days_months_and_years():
    assert _next('30 2 * * *', '2026-12-03 17:40:00') == _at(
        '2026-12-04 02:30:00')
    assert _next('0 0 1 * *', '2026-12-03 17:40:00') == _at(
        '2027-01-01 00:00:00')
    assert _next('0 12 29 2 *', '2027-03-01 00:00:00') == _at(
        '2028-02-29 12:00:00')


def test_week_days():
    # 2026-12-03 is a Thursday; the next Monday is the 7th.
    assert _next('0 3 * * mon', '2026-12-03 17:40:00') == _at(
        '2026-12-07 03:00:00')
    assert _next('0 3 * * 0', '2026-12-03 17:40:00') == _at(
        '2026-12-06 03:00:00')


def test_both_day_fields_restricted_match_either():
    # The 5th (a Saturday) comes before the next Monday (the 7th).
    assert _next('0 0 5 * mon', '2026-12-03 17:40:00') == _at(
        '2026-12-05 00:00:00')
    assert _next('0 0 31 * mon', '2026-12-03 17:40:00') == _at(
        '2026-12-07 00:00:00')


def test_a_date_that_never_comes_is_refused():
    with pytest.raises(cron.CronError, match='matches no time'):
        cron.validate('0 0 30 2 *', _at('2026-12-03 17:40:00'))
