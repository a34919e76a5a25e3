"""RSS and PSS of the test cloud's processes (TROVE_COMPUTE=nova): every
process a cloud-*.pid file names and Keystone, with their children
(gunicorn workers). RabbitMQ is Trove's, shared with Nova: not counted.

  cloud_memory.py STATE_DIR
"""
import glob
import os
import sys

import psutil

MiB = 1024 ** 2


def cloud_processes(state_dir):
    run = os.path.join(state_dir, 'run')
    for pid_file in [os.path.join(run, 'keystone.pid')] + sorted(
            glob.glob(os.path.join(run, 'cloud-*.pid'))):
        name = os.path.basename(pid_file)[:-len('.pid')]
        try:
            with open(pid_file) as f:
                parent = psutil.Process(int(f.read()))
            yield name, [parent] + parent.children(recursive=True)
        except (OSError, ValueError, psutil.Error):
            continue


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    total_rss = total_pss = 0
    for name, processes in cloud_processes(argv[0]):
        rss = pss = 0
        for process in processes:
            try:
                memory = process.memory_full_info()
            except psutil.Error:
                continue
            rss += memory.rss
            pss += memory.pss
        total_rss += rss
        total_pss += pss
        print('%-16s %2d processes  RSS %5d MB  PSS %5d MB'
              % (name, len(processes), rss // MiB, pss // MiB))
    print('%-16s               RSS %5d MB  PSS %5d MB'
          % ('total', total_rss // MiB, total_pss // MiB))


if __name__ == '__main__':
    main(sys.argv[1:])
