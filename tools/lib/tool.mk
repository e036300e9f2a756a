# SPDX-License-Identifier: GPL-2.0
#
# libiopkt.a: what the iopkt tools share (instance, control device, generic
# netlink family, module files). Tools link it with
# $(OBJ)/lib/libiopkt.a -lmnl.
# tools/Makefile includes the fragments before its "all" rule.
.DEFAULT_GOAL := all
LIBIOPKT_DIR := $(TOP)/tools/lib
LIBIOPKT_SRCS := $(wildcard $(LIBIOPKT_DIR)/*.c)
LIBIOPKT_OBJS := $(patsubst $(LIBIOPKT_DIR)/%.c,$(OBJ)/lib/%.o,$(LIBIOPKT_SRCS))
LIBIOPKT_HDRS := $(wildcard $(LIBIOPKT_DIR)/*.h) \
	$(TOP)/include/uapi/iopkt/ctl.h $(TOP)/include/uapi/iopkt/genl.h

$(OBJ)/lib/%.o: $(LIBIOPKT_DIR)/%.c $(LIBIOPKT_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(OBJ)/lib/libiopkt.a: $(LIBIOPKT_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

HOST_TEST_DIRS += $(LIBIOPKT_DIR)/tests
