# SPDX-License-Identifier: GPL-2.0
"""Host tests of nicinfo's formatter (QNX layout) through tests/nic_test.c."""
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
BIN = os.path.join(TOP, 'build', 'tools', 'nicinfo', 'nic_test')

E1000 = '''description Intel 82540EM Gigabit Ethernet
media 1
flags 0x4
mtu 1500
media_rate 1000000
duplex 1
permanent 000102C510D4
current 000102C510D4
irq 11
mem 0xfebc0000 0x20000
io 0xc000
txed_ok 104
octets_txed_ok 10067
txed_broadcast 6
txed_multicast 1
rxed_ok 1443
octets_rxed_ok 123456
rxed_broadcast 7
fcs_errors 2
xcoll_aborted 3
'''


def setUpModule():
    subprocess.run(['make', '-s', '-C', os.path.join(TOP, 'tools'), BIN],
                   check=True)


def report(spec):
    p = subprocess.run([BIN], input=spec, capture_output=True, text=True,
                       check=True)
    return p.stdout


def value(out, label):
    for line in out.splitlines():
        if line.startswith('  ' + label + ' .'):
            return line.rsplit('. ', 1)[1]
    raise AssertionError('no line %r in\n%s' % (label, out))


class Layout(unittest.TestCase):
    def test_header(self):
        out = report(E1000).splitlines()
        self.assertEqual(out[0], 'sam0: Intel 82540EM Gigabit Ethernet')
        self.assertEqual(out[1], '  Link is up')
        self.assertEqual(out[2], '')

    def test_dot_leaders_end_in_one_column(self):
        out = report(E1000)
        lines = [l for l in out.splitlines() if ' ..' in l]
        self.assertGreater(len(lines), 30)
        for l in lines:
            label, val = l.split(' ...', 1)
            self.assertEqual(l.index(val.lstrip('. ')), 47, l)
        # QNX's own lines, verbatim
        self.assertIn('  Physical Node ID ........................... '
                      '000102 C510D4\n', out)
        self.assertIn('  Packets Transmitted OK ..................... 104\n',
                      out)
        self.assertIn('  Transmits aborted (excessive collisions) ... 3\n',
                      out)
        self.assertIn('  Memory Allocation Failures on Transmit ..... 0\n',
                      out)

    def test_values(self):
        out = report(E1000)
        self.assertEqual(value(out, 'Current Operation Rate'),
                         '1000.00 Mb/s full-duplex')
        self.assertEqual(value(out, 'Active Interface Type'), 'MII')
        self.assertEqual(value(out, 'Maximum Transmittable data Unit'), '1500')
        self.assertEqual(value(out, 'Hardware Interrupt'), '0xb')
        self.assertEqual(value(out, 'Memory Aperture'),
                         '0xfebc0000 - 0xfebdffff')
        self.assertEqual(value(out, 'I/O Aperture'), '0xc000')
        self.assertEqual(value(out, 'Promiscuous Mode'), 'Off')
        self.assertEqual(value(out, 'Multicast Support'), 'Enabled')
        self.assertEqual(value(out, 'Bytes Received OK'), '123456')
        self.assertEqual(value(out, 'Broadcast Packets Transmitted OK'), '6')
        self.assertEqual(value(out, 'Received packets with CRC errors'), '2')

    def test_groups(self):
        blocks = report(E1000).split('\n\n')
        self.assertEqual(len(blocks), 5)
        self.assertTrue(blocks[2].startswith('  Packets Transmitted OK'))
        self.assertTrue(blocks[3].startswith('  Packets Received OK'))
        self.assertTrue(blocks[4].startswith('  Single Collisions on Transmit'))

    def test_link_down_half_duplex_promisc(self):
        out = report('media 1\nflags 0x13\nmedia_rate 100000\nduplex 0\n'
                     'mtu 1500\n')
        self.assertEqual(out.splitlines()[0], 'sam0:')
        self.assertEqual(out.splitlines()[1], '  Link is down')
        self.assertEqual(value(out, 'Current Operation Rate'),
                         '100.00 Mb/s half-duplex')
        self.assertEqual(value(out, 'Promiscuous Mode'), 'On')
        self.assertNotIn('Hardware Interrupt', out)

    def test_unknown_rate(self):
        out = report('media 1\nmedia_rate -1\nduplex -1\n')
        self.assertEqual(value(out, 'Current Operation Rate'), 'Unknown')

    def test_wifi_has_no_ethernet_counters(self):
        out = report('media 2\nmedia_rate 54000\nduplex -1\n')
        self.assertEqual(value(out, 'Current Operation Rate'), '54.00 Mb/s')
        self.assertNotIn('Collisions', out)
        self.assertIn('Packets Received OK', out)

    def test_config_only(self):
        out = report('media 1\nnostats\n')
        self.assertNotIn('Packets Transmitted OK', out)
        self.assertTrue(out.rstrip().splitlines()[-1].startswith(
            '  Multicast Support ..'))
        self.assertEqual(value(out, 'Multicast Support'), 'Disabled')


if __name__ == '__main__':
    unittest.main()
