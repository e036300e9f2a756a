# SPDX-License-Identifier: GPL-2.0
#
# sysctl: NetBSD's names for the stack's state, in the instance's namespace.
# tools/Makefile includes the fragments before its "all" rule.
.DEFAULT_GOAL := all
TOOLS += sysctl
CLASHING_TOOLS += sysctl  # procps has one: installed in IOPKT_BINDIR
MANS += $(TOP)/tools/sysctl/sysctl.8
HOST_TEST_DIRS += $(TOP)/tools/sysctl/tests

$(OBJ)/sysctl/%.o: $(TOP)/tools/sysctl/%.c $(TOP)/tools/sysctl/sysctl.h \
		$(TOP)/tools/lib/libiopkt.h $(TOP)/tools/lib/libiopkt_internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/sysctl: $(OBJ)/sysctl/sysctl.o $(OBJ)/sysctl/table.o $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lmnl
