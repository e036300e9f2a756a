# SPDX-License-Identifier: GPL-2.0
#
# ifconfig: NetBSD/io-pkt ifconfig for iopkt instances. ifc_list.c and
# ifc_addr.c/ifc_fmt.c are shared with nicinfo and netstat.
IFCONFIG_DIR := $(TOP)/tools/ifconfig
IFCONFIG_SRCS := ifconfig.c ifc_fmt.c ifc_parse.c ifc_list.c ifc_addr.c
IFCONFIG_OBJS := $(addprefix $(OBJ)/ifconfig/,$(IFCONFIG_SRCS:.c=.o))
IFCONFIG_HDRS := $(IFCONFIG_DIR)/ifconfig.h $(TOP)/include/uapi/iopkt/ctl.h

TOOLS += ifconfig
CLASHING_TOOLS += ifconfig  # net-tools has one: installed in IOPKT_BINDIR
MANS += $(IFCONFIG_DIR)/ifconfig.8
HOST_TEST_DIRS += $(IFCONFIG_DIR)/tests

$(OBJ)/ifconfig/%.o: $(IFCONFIG_DIR)/%.c $(IFCONFIG_HDRS) $(TOP)/tools/lib/libiopkt.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/ifconfig: $(IFCONFIG_OBJS) $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(IFCONFIG_OBJS) $(OBJ)/lib/libiopkt.a -lmnl

# The host tests' driver for the pure parts (built by test_ifconfig.py).
$(OBJ)/ifconfig/fmt_test: $(IFCONFIG_DIR)/tests/fmt_test.c \
		$(OBJ)/ifconfig/ifc_fmt.o $(OBJ)/ifconfig/ifc_parse.o $(IFCONFIG_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I$(IFCONFIG_DIR) -o $@ $< \
		$(OBJ)/ifconfig/ifc_fmt.o $(OBJ)/ifconfig/ifc_parse.o

# A stand-in for /dev/iopkt0 (LD_PRELOAD) so that test_fakectl.py can run
# ifconfig, nicinfo and netstat on the host.
$(OBJ)/ifconfig/fakectl.so: $(IFCONFIG_DIR)/tests/fakectl.c $(TOP)/include/uapi/iopkt/ctl.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fPIC -shared -o $@ $< -ldl
