# SPDX-License-Identifier: GPL-2.0
#
# io-pkt-stop: stop an io-pkt instance (QNX: slay io-pkt).
# tools/Makefile includes the fragments before its "all" rule.
.DEFAULT_GOAL := all
TOOLS += io-pkt-stop
MANS += $(TOP)/tools/io-pkt-stop/io-pkt-stop.8
HOST_TEST_DIRS += $(TOP)/tools/io-pkt-stop/tests

$(OBJ)/io-pkt-stop/io-pkt-stop.o: $(TOP)/tools/io-pkt-stop/io-pkt-stop.c \
		$(TOP)/tools/lib/libiopkt.h $(TOP)/tools/lib/libiopkt_internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/io-pkt-stop: $(OBJ)/io-pkt-stop/io-pkt-stop.o $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lmnl
