# SPDX-License-Identifier: GPL-2.0
#
# nicinfo: QNX's driver information display (SIOCGDRVCOM). Shares
# ifc_list.c and ifc_fmt.c with ifconfig.
NICINFO_DIR := $(TOP)/tools/nicinfo
NICINFO_OBJS := $(OBJ)/nicinfo/nicinfo.o $(OBJ)/nicinfo/nic_fmt.o \
	$(OBJ)/ifconfig/ifc_list.o $(OBJ)/ifconfig/ifc_fmt.o
NICINFO_HDRS := $(NICINFO_DIR)/nic_fmt.h $(TOP)/tools/ifconfig/ifconfig.h \
	$(TOP)/include/uapi/iopkt/ctl.h

TOOLS += nicinfo
MANS += $(NICINFO_DIR)/nicinfo.8
HOST_TEST_DIRS += $(NICINFO_DIR)/tests

$(OBJ)/nicinfo/%.o: $(NICINFO_DIR)/%.c $(NICINFO_HDRS) $(TOP)/tools/lib/libiopkt.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/nicinfo: $(NICINFO_OBJS) $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(NICINFO_OBJS) $(OBJ)/lib/libiopkt.a -lmnl

# The host tests' driver for the formatter (built by test_nicinfo.py).
$(OBJ)/nicinfo/nic_test: $(NICINFO_DIR)/tests/nic_test.c $(OBJ)/nicinfo/nic_fmt.o \
		$(NICINFO_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I$(NICINFO_DIR) -o $@ $< $(OBJ)/nicinfo/nic_fmt.o
