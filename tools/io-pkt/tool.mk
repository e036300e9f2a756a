# SPDX-License-Identifier: GPL-2.0
#
# io-pkt-v4, io-pkt-v4-hc, io-pkt-v6-hc: one program, the variant is its name.
# tools/Makefile includes the fragments before its "all" rule.
.DEFAULT_GOAL := all
IOPKT_LAUNCHERS := io-pkt-v4 io-pkt-v4-hc io-pkt-v6-hc
TOOLS += $(IOPKT_LAUNCHERS)
MANS += $(addprefix $(TOP)/tools/io-pkt/,io-pkt.8 $(addsuffix .8,$(IOPKT_LAUNCHERS)))
HOST_TEST_DIRS += $(TOP)/tools/io-pkt/tests

$(OBJ)/io-pkt/io-pkt.o: $(TOP)/tools/io-pkt/io-pkt.c $(TOP)/tools/lib/libiopkt.h \
		$(TOP)/tools/lib/libiopkt_internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/io-pkt-v6-hc: $(OBJ)/io-pkt/io-pkt.o $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lmnl

$(BIN)/io-pkt-v4 $(BIN)/io-pkt-v4-hc: $(BIN)/io-pkt-v6-hc
	ln -sf io-pkt-v6-hc $@
