# SPDX-License-Identifier: GPL-2.0
#
# iopkt: the io-pkt networking manager on Linux.
#
#   make [all]          kernel modules (against KDIR) and userspace tools
#   make modules        kernel modules only; KDIR=... picks the kernel tree
#                       (default: the project's test kernel, built if missing)
#   make tools          userspace tools into build/bin
#   make kernel         the test kernel (cached in ~/.cache/iopkt)
#   make print-kdir     path of the built test kernel tree
#   make run            boot QEMU with the modules loaded and run the demo
#   make shell          interactive guest with the modules loaded
#   make check          the whole test suite; last line "N passed, N failed"
#   make fuzz           the control-plane fuzzer in the debug guest, 1,000,000
#                       inputs per surface (FUZZ_ITERATIONS, FUZZ_SEED,
#                       FUZZ_SURFACE, FUZZ_THREADS, FUZZ_TIMEOUT seconds)
#   make mutants        prove each listed test fails without its mechanism
#                       (tools/testing/mutants.conf; MUTANTS="NAME ..." for some)
#   make check-harness  prove the harness catches KASAN/lockdep/leak/KUnit failures
#   make lint           checkpatch + sparse + headers-check
#   make headers-check  every header of include/ compiles on its own
#   make bench          benchmarks on a kernel without the debug options
#   make install        modules to /lib/modules/<release>/extra; tools to
#                       $(PREFIX)/sbin, but ifconfig, netstat, sysctl to
#                       $(PREFIX)/lib/iopkt/bin (IOPKT_BINDIR: on PATH via
#                       $(PREFIX)/lib/iopkt/profile.sh) and mount.io-pkt to
#                       /sbin; honours DESTDIR (Documentation/install.md)
#   make clean

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
T := $(TOP)/tools/testing
PREFIX ?= /usr/local
DESTDIR ?=
KDIR ?=
# Where "make modules" puts its output: a mirror of the kernel sources per kernel.
ifeq ($(KDIR),)
MODOUT := $(TOP)/build/modules/test
KDIR_ARGS :=
else
MODOUT = $(TOP)/build/modules/$(shell . $(T)/lib.sh; kernel_release $(KDIR))
KDIR_ARGS := -k $(KDIR)
endif

.PHONY: deps
.PHONY: all modules tools kernel kernel-bench print-kdir run shell check fuzz \
	check-harness mutants lint headers-check bench install install-modules install-tools clean \
	print-host-test-dirs

all: modules tools

modules:
	$(T)/build-modules $(KDIR_ARGS) -o $(MODOUT)

tools:
	$(MAKE) -C tools

deps:
	$(T)/deps

kernel:
	$(T)/kernel-build debug

kernel-bench:
	$(T)/kernel-build bench

print-kdir:
	@. $(T)/lib.sh; kernel_tree debug

run: deps
	$(MAKE) all
	$(T)/vm-run --nic e1000 --nic virtio -- tools/testing/demo

shell: deps
	$(MAKE) all
	$(T)/vm-run -i --nic e1000 --nic virtio -- /bin/bash -c 'modprobe iopkt; exec /bin/bash -i'

check:
	$(T)/check

# The fuzzer (tools/testing/fuzz) through its integration script, with a
# large count and a fresh seed unless given; judged like make check.
FUZZ_ITERATIONS ?= 1000000
FUZZ_SEED ?= $(shell date +%s)
FUZZ_SURFACE ?= all
FUZZ_THREADS ?= 3
FUZZ_TIMEOUT ?= 43200
fuzz: deps
	$(MAKE) all
	rm -rf build/fuzz
	$(T)/vm-run -t $(FUZZ_TIMEOUT) -o build/fuzz -m $(MODOUT) -- \
		env FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) FUZZ_SEED=$(FUZZ_SEED) \
		FUZZ_SURFACE=$(FUZZ_SURFACE) FUZZ_THREADS=$(FUZZ_THREADS) \
		IOPKT_TEST_TIMEOUT=$$(($(FUZZ_TIMEOUT) - 300)) \
		tools/testing/guest-tests --only fuzz
	python3 $(T)/report.py build/fuzz/tests build/fuzz/console.log

check-harness:
	$(T)/check-harness

# Each mutant of tools/testing/mutants.conf in the debug guest.
mutants: deps
	$(MAKE) all
	$(T)/mutants $(MUTANTS)

lint:
	$(T)/lint

headers-check:
	$(T)/headers-check

bench:
	$(TOP)/tools/bench/run

# Directories holding host-side test_*.py suites besides tools/testing/selftest.
print-host-test-dirs:
	@$(MAKE) -s -C tools print-host-test-dirs

install: install-modules install-tools

install-modules: modules
	. $(T)/lib.sh; rel=$$(kernel_release $$(cat $(MODOUT)/.iopkt-kdir)); \
	dst=$(DESTDIR)/lib/modules/$$rel/extra; \
	install -d $$dst; \
	find $(MODOUT) -name '*.ko' ! -name '*_kunit.ko' ! -name '*_bench.ko' ! -name 'devnp-guidetest.ko' -exec install -m 0644 {} $$dst/ \; ; \
	if [ -z "$(DESTDIR)" ]; then depmod -a $$rel; fi

install-tools: tools
	$(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

clean:
	rm -rf $(TOP)/build
	$(MAKE) -C tools clean
