# SPDX-License-Identifier: GPL-2.0
#
# if_up: wait until interfaces are present, up and configured.
# tools/Makefile includes the fragments before its "all" rule.
.DEFAULT_GOAL := all
TOOLS += if_up
MANS += $(TOP)/tools/if_up/if_up.8
HOST_TEST_DIRS += $(TOP)/tools/if_up/tests

$(OBJ)/if_up/if_up.o: $(TOP)/tools/if_up/if_up.c $(TOP)/tools/lib/libiopkt.h \
		$(TOP)/tools/lib/libiopkt_internal.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN)/if_up: $(OBJ)/if_up/if_up.o $(OBJ)/lib/libiopkt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lmnl
