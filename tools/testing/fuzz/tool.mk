# SPDX-License-Identifier: GPL-2.0
#
# iopkt-fuzz: the control plane's fuzzer (Documentation/testing.md). Built
# with the tools for the guest's tests, never installed (NOINST_TOOLS).
FUZZ_DIR := $(TOP)/tools/testing/fuzz
FUZZ_SRCS := main.c mutate.c churn.c genl_sock.c s_ioctl.c s_tun.c s_genl.c
FUZZ_OBJS := $(addprefix $(OBJ)/fuzz/,$(FUZZ_SRCS:.c=.o))
FUZZ_HDRS := $(FUZZ_DIR)/fuzz.h $(TOP)/include/uapi/iopkt/ctl.h \
	$(TOP)/include/uapi/iopkt/genl.h $(TOP)/include/uapi/iopkt/if_tun.h

TOOLS += iopkt-fuzz
NOINST_TOOLS += iopkt-fuzz

$(OBJ)/fuzz/%.o: $(FUZZ_DIR)/%.c $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/iopkt-fuzz: $(FUZZ_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(FUZZ_OBJS) -lmnl -lpthread
