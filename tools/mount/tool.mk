# SPDX-License-Identifier: GPL-2.0
#
# io-pkt-mount (QNX's "mount -T io-pkt" syntax) and mount.io-pkt (the helper
# util-linux mount(8) runs for "mount -t io-pkt"): one program.
# tools/Makefile includes the fragments before its "all" rule.
.DEFAULT_GOAL := all
TOOLS += io-pkt-mount mount.io-pkt
MOUNT_HELPERS += mount.io-pkt  # installed in MOUNT_HELPER_DIR (/sbin)
MANS += $(TOP)/tools/mount/io-pkt-mount.8 $(TOP)/tools/mount/mount.io-pkt.8
HOST_TEST_DIRS += $(TOP)/tools/mount/tests

$(OBJ)/mount/mount.o: $(TOP)/tools/mount/mount.c $(TOP)/tools/lib/libiopkt.h \
		$(TOP)/tools/lib/libiopkt_internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/io-pkt-mount: $(OBJ)/mount/mount.o $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lmnl

$(BIN)/mount.io-pkt: $(BIN)/io-pkt-mount
	ln -sf io-pkt-mount $@
