# SPDX-License-Identifier: GPL-2.0
#
# netstat: the interface table (-i, -I) and mbuf statistics (-m) of an
# iopkt instance. Shares ifc_list.c, ifc_addr.c, ifc_fmt.c, ifc_parse.c
# (network names) with ifconfig.
NETSTAT_DIR := $(TOP)/tools/netstat
NETSTAT_OBJS := $(OBJ)/netstat/netstat.o $(OBJ)/netstat/ns_fmt.o \
	$(OBJ)/ifconfig/ifc_list.o $(OBJ)/ifconfig/ifc_addr.o \
	$(OBJ)/ifconfig/ifc_fmt.o $(OBJ)/ifconfig/ifc_parse.o
NETSTAT_HDRS := $(NETSTAT_DIR)/ns_fmt.h $(TOP)/tools/ifconfig/ifconfig.h \
	$(TOP)/include/uapi/iopkt/ctl.h

TOOLS += netstat
CLASHING_TOOLS += netstat  # net-tools has one: installed in IOPKT_BINDIR
MANS += $(NETSTAT_DIR)/netstat.8
HOST_TEST_DIRS += $(NETSTAT_DIR)/tests

$(OBJ)/netstat/%.o: $(NETSTAT_DIR)/%.c $(NETSTAT_HDRS) $(TOP)/tools/lib/libiopkt.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/netstat: $(NETSTAT_OBJS) $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(NETSTAT_OBJS) $(OBJ)/lib/libiopkt.a -lmnl

# The host tests' driver for the formatters (built by test_netstat.py).
$(OBJ)/netstat/ns_test: $(NETSTAT_DIR)/tests/ns_test.c $(OBJ)/netstat/ns_fmt.o \
		$(OBJ)/ifconfig/ifc_fmt.o $(OBJ)/ifconfig/ifc_parse.o $(NETSTAT_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I$(NETSTAT_DIR) -I$(TOP)/tools/ifconfig -o $@ $< \
		$(OBJ)/netstat/ns_fmt.o $(OBJ)/ifconfig/ifc_fmt.o $(OBJ)/ifconfig/ifc_parse.o
