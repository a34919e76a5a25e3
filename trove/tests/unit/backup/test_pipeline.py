import threading

import pytest

from trove.backup import pipeline


def test_chunks_come_in_order_and_all_of_them():
    chunks = [b'%d' % number for number in range(1000)]
    assert list(pipeline.read_ahead(iter(chunks), depth=3)) == chunks


def test_they_are_produced_in_another_thread():
    producers = set()

    def produce():
        for number in range(3):
            producers.add(threading.current_thread().name)
            yield number

    assert list(pipeline.read_ahead(produce(), name='stage-x')) == [0, 1, 2]
    assert producers == {'stage-x'}


def test_nothing_is_produced_until_the_first_chunk_is_asked_for():
    produced = []

    def produce():
        produced.append('started')
        yield b'x'

    stream = pipeline.read_ahead(produce())
    assert produced == []
    assert next(stream) == b'x'
    assert produced == ['started']
    stream.close()


def test_a_producer_error_reaches_the_consumer_after_its_chunks():
    def produce():
        yield b'a'
        yield b'b'
        raise OSError('the tool failed')

    received = []
    with pytest.raises(OSError, match='the tool failed'):
        for chunk in pipeline.read_ahead(produce()):
            received.append(chunk)
    assert received == [b'a', b'b']


def test_a_consumer_that_stops_stops_and_closes_the_producer():
    closed = threading.Event()
    stops = []

    def endless():
        try:
            while True:
                yield b'chunk'
        finally:
            closed.set()

    stream = pipeline.read_ahead(endless(), depth=2,
                                 on_stop=lambda: stops.append(1))
    assert next(stream) == b'chunk'
    stream.close()
    assert closed.is_set()
    assert stops == [1]
    assert not any(thread.name == 'read-ahead' and thread.is_alive()
                   for thread in threading.enumerate())


def test_on_stop_is_not_called_after_a_complete_stream():
    stops = []
    assert list(pipeline.read_ahead(iter([b'a']),
                                    on_stop=lambda: stops.append(1))) == [b'a']
    assert stops == []
