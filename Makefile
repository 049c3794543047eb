# gort -- every entry point.  Quiet by default; V=1 shows the commands.
#
#   make                 install missing Debian packages, build every backend
#   make test            the conformance suite on every backend
#   make test-asan       the same, under AddressSanitizer + UBSan
#   make test-tsan       the same, under ThreadSanitizer
#   make print-libs-B    the extra libraries backend B links with
#   make bench           benchmarks -> results/   (QUICK=1: a short smoke run)
#   make results         benchmarks, plots and RESULTS.md
#   make gate            deterministic regression gate (instruction and syscall counts)
#   make baseline        refresh the gate's baseline (results/baseline/gate.json)
#   make bench-compare BASE=rev   wall-time A/B against another revision (compare.py)
#   make mutants         the suite and the gate against deliberately broken runtimes
#
# Switches: SAN=address|thread (instrumented build in build-asan/, build-tsan/),
# GORT_DEBUG=1 (assert the invariants), GORT_VALGRIND=1 (register stacks).

BACKENDS := pthread ucontext asm uring
NPROC    := $(shell nproc 2>/dev/null || echo 2)
CC       ?= cc
CXX      ?= c++
PYTHON   := /usr/bin/python3
SAN      ?=

ifeq ($(SAN),address)
  BUILD    ?= build-asan
  SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -DGORT_SANITIZE
else ifeq ($(SAN),thread)
  BUILD    ?= build-tsan
  SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer -DGORT_SANITIZE
else ifeq ($(SAN),)
  BUILD    ?= build
  SANFLAGS :=
else
  $(error SAN must be address or thread, not '$(SAN)')
endif

OPT      ?= -O2
CFLAGS_GORT := -std=c11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Werror -fPIC \
               -fvisibility=hidden -Iinclude $(SANFLAGS)
ifeq ($(GORT_DEBUG),1)
  CFLAGS_GORT += -DGORT_DEBUG
endif
ifeq ($(GORT_VALGRIND),1)
  CFLAGS_GORT += -DGORT_VALGRIND
endif

ifeq ($(V),1)
  Q :=
else
  Q := @
endif

# ---- what each backend is made of (libuv style: the build picks the files) --
COMMON_SRC := $(wildcard runtimes/common/*.c)
MN_SRC     := $(wildcard runtimes/mn/*.c)
ASM_SW     := runtimes/asm/switch.c $(wildcard runtimes/asm/switch_*.S)

SRC_pthread  := $(COMMON_SRC) $(wildcard runtimes/pthread/*.c)
SRC_ucontext := $(COMMON_SRC) $(MN_SRC) runtimes/mn/idle/futex.c $(wildcard runtimes/ucontext/*.c)
SRC_asm      := $(COMMON_SRC) $(MN_SRC) runtimes/mn/idle/futex.c $(ASM_SW)
SRC_uring    := $(COMMON_SRC) $(MN_SRC) $(ASM_SW) $(wildcard runtimes/uring/*.c)

DEFS_pthread  := -DGORT_LOCK_FUTEX

# where each M:N backend's ctx_impl.h (its context switch) comes from
INC_ucontext  := -Iruntimes/ucontext
INC_asm       := -Iruntimes/asm
INC_uring     := -Iruntimes/asm -Iruntimes/uring

LIBS_pthread  := -lpthread
LIBS_ucontext := -lpthread
LIBS_asm      := -lpthread
LIBS_uring    := -lpthread -luring

# Ref/MsgRingWake (bench/micro/wake.c) is built where liburing is linked
# anyway: linking it into the other benchmark binaries moved their timings.
WAKE_DEFS_uring := -DBENCH_MSG_RING

# Ref/RegisterSwapPair: runtimes/asm's switch built a second time, renamed,
# into the benchmark binary (bench/micro/reference.c).
REFSWAP_RENAME := -Dgort__ctx_switch=ref_ctx_switch -Dgort__ctx_start=ref_ctx_start \
                  -Dgort__ctx_make=ref_ctx_make -Dgort__ctx_unavailable=ref_ctx_unavailable \
                  -Dgort__backend_name=ref_backend_name -Dgort__ctx=ref_ctx
REFSWAP_ARCH   := $(if $(filter aarch64 arm64,$(shell uname -m)),aarch64,x86_64)
MICRO_SRC := bench/micro/spawn.c bench/micro/handshake.c bench/micro/buffered.c \
             bench/micro/gochan.c bench/micro/reference.c bench/micro/wake.c bench/micro/main.c
PROGRAMS  := worker_pool prime_sieve pipeline fanout crossbeam
BENCH_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -Iinclude

CONF_SRC  := $(wildcard conformance/*.c)
CONF_PROG := $(notdir $(CONF_SRC:.c=))

.PHONY: all deps test test-asan test-tsan check clean bench results gate baseline bench-compare \
        $(addprefix print-libs-,$(BACKENDS))

all: deps
	$(Q)$(MAKE) --no-print-directory -j$(NPROC) libs

deps:
	$(Q)sh scripts/deps.sh build

# $(1) = backend
define BACKEND_RULES
OBJ_$(1) := $$(patsubst %,$(BUILD)/$(1)/obj/%.o,$$(SRC_$(1)))

$(BUILD)/$(1)/obj/%.c.o: %.c $$(wildcard include/*.h runtimes/*/*.h)
	@mkdir -p $$(@D)
	@$$(if $(Q),echo "  CC    $(1)/$$<")
	$(Q)$(CC) $(CFLAGS_GORT) $$(INC_$(1)) $$(DEFS_$(1)) -DGORT_BACKEND_$(1) -c $$< -o $$@

$(BUILD)/$(1)/obj/%.S.o: %.S
	@mkdir -p $$(@D)
	@$$(if $(Q),echo "  AS    $(1)/$$<")
	$(Q)$(CC) $(SANFLAGS) -c $$< -o $$@

$(BUILD)/$(1)/libgort.a: $$(OBJ_$(1))
	@$$(if $(Q),echo "  AR    $$@")
	$(Q)rm -f $$@ && ar rcs $$@ $$^

$(BUILD)/$(1)/libgort.so: $$(OBJ_$(1)) runtimes/gort.map
	@$$(if $(Q),echo "  LD    $$@")
	$(Q)$(CC) -shared $(SANFLAGS) -Wl,--version-script=runtimes/gort.map -Wl,-z,noexecstack \
		-o $$@ $$(OBJ_$(1)) $$(LIBS_$(1))

$(BUILD)/$(1)/conformance/%: conformance/%.c $(BUILD)/$(1)/libgort.a include/gort.h
	@mkdir -p $$(@D)
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -Iinclude $(SANFLAGS) \
		$$< $(BUILD)/$(1)/libgort.a $$(LIBS_$(1)) -lm -o $$@

print-libs-$(1):
	@echo "$$(LIBS_$(1))"

$(BUILD)/$(1)/bench/micro: $(MICRO_SRC) bench/micro/par.h $(BUILD)/gbench/gbench.o $(BUILD)/$(1)/libgort.a
	@mkdir -p $$(@D)
	@$$(if $(Q),echo "  LD    $$@")
	$(Q)$(CC) $(BENCH_CFLAGS) -c bench/micro/spawn.c -o $$@.spawn.o
	$(Q)$(CC) $(BENCH_CFLAGS) -c bench/micro/handshake.c -o $$@.handshake.o
	$(Q)$(CC) $(BENCH_CFLAGS) -c bench/micro/buffered.c -o $$@.buffered.o
	$(Q)$(CC) $(BENCH_CFLAGS) -c bench/micro/gochan.c -o $$@.gochan.o
	$(Q)$(CC) $(BENCH_CFLAGS) -c bench/micro/reference.c -o $$@.reference.o
	$(Q)$(CC) $(BENCH_CFLAGS) $$(WAKE_DEFS_$(1)) -c bench/micro/wake.c -o $$@.wake.o
	$(Q)$(CC) $(BENCH_CFLAGS) -c bench/micro/main.c -o $$@.main.o
	$(Q)$(CC) $(BENCH_CFLAGS) $(REFSWAP_RENAME) -Iruntimes/asm -c runtimes/asm/switch.c -o $$@.refswap.o
	$(Q)$(CC) $(BENCH_CFLAGS) $(REFSWAP_RENAME) -c runtimes/asm/switch_$(REFSWAP_ARCH).S -o $$@.refswap_s.o
	$(Q)$(CXX) -o $$@ $$@.main.o $$@.spawn.o $$@.handshake.o $$@.buffered.o $$@.gochan.o $$@.reference.o \
		$$@.wake.o $$@.refswap.o $$@.refswap_s.o \
		$(BUILD)/gbench/gbench.o $(BUILD)/$(1)/libgort.a -lbenchmark $$(LIBS_$(1))

$(BUILD)/$(1)/bench/gate: bench/gate/gate.c $(BUILD)/$(1)/libgort.a
	@mkdir -p $$(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $$< $(BUILD)/$(1)/libgort.a $$(LIBS_$(1)) -o $$@

$(BUILD)/$(1)/bench/parked: bench/micro/parked.c $(BUILD)/$(1)/libgort.a
	@mkdir -p $$(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $$< $(BUILD)/$(1)/libgort.a $$(LIBS_$(1)) -o $$@

$(BUILD)/$(1)/bench/programs/%: bench/programs/%.c $(BUILD)/$(1)/libgort.a
	@mkdir -p $$(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $$< $(BUILD)/$(1)/libgort.a $$(LIBS_$(1)) -o $$@

bench-build-$(1): $(BUILD)/$(1)/bench/micro $(BUILD)/$(1)/bench/parked \
	$$(addprefix $(BUILD)/$(1)/bench/programs/,$(PROGRAMS))
.PHONY: bench-build-$(1)

lib-$(1): $(BUILD)/$(1)/libgort.a $(BUILD)/$(1)/libgort.so
conformance-$(1): lib-$(1) $$(addprefix $(BUILD)/$(1)/conformance/,$(CONF_PROG))
.PHONY: lib-$(1) conformance-$(1)
endef
$(foreach b,$(BACKENDS),$(eval $(call BACKEND_RULES,$(b))))

libs: $(addprefix lib-,$(BACKENDS))
conformance: $(addprefix conformance-,$(BACKENDS))
.PHONY: libs conformance

# ---- benchmarks (always an uninstrumented build) -----------------------------
$(BUILD)/gbench/gbench.o: bench/gbench/gbench.cc bench/gbench/gbench.h include/gort.h
	@mkdir -p $(@D)
	$(Q)$(CXX) -std=c++17 -O2 -g -Wall -Wextra -Werror -Iinclude -c $< -o $@

GO_ENV := GOFLAGS=-mod=mod GOPROXY=off GOCACHE=$(CURDIR)/$(BUILD)/go/cache GOPATH=$(CURDIR)/$(BUILD)/go/path
GO_SRC := $(wildcard bench/peers/go/*.go bench/peers/go/cmd/*/*.go) bench/peers/go/go.mod

$(BUILD)/go/.built: $(GO_SRC)
	@mkdir -p $(BUILD)/go/bench/programs
	@$(if $(Q),echo "  GO    bench/peers/go")
	$(Q)cd bench/peers/go && $(GO_ENV) go build -o $(CURDIR)/$(BUILD)/go/bench/programs/ ./cmd/...
	$(Q)cd bench/peers/go && $(GO_ENV) go test -c -o $(CURDIR)/$(BUILD)/go/bench/micro.test .
	$(Q)mv $(BUILD)/go/bench/programs/parked $(BUILD)/go/bench/parked
	@touch $@

# the floor under spawning goroutines on fresh stacks (no runtime in it)
$(BUILD)/bench/freshpages: bench/micro/freshpages.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(BENCH_CFLAGS) $< -pthread -o $@

# what deps-bench installs (Go, Google Benchmark) must be there before any of
# these builds starts, so they come from a make of their own, as in test
bench-build: deps-bench
	$(Q)$(MAKE) --no-print-directory -j$(NPROC) bench-binaries
bench-binaries: $(addprefix bench-build-,$(BACKENDS)) $(BUILD)/bench/freshpages $(BUILD)/go/.built
.PHONY: bench-build bench-binaries deps-bench

deps-bench:
	$(Q)sh scripts/deps.sh build bench plots

QUICK ?=
bench: bench-build
	@rm -rf results/micro results/programs results/plots
	$(Q)$(PYTHON) scripts/bench.py --build $(BUILD) --backends "$(BACKENDS)" $(if $(QUICK),--quick)

results: bench
	$(Q)$(PYTHON) scripts/report.py --results
.PHONY: results

# ---- the deterministic regression gate (instruction and syscall counts) ---------
GATE_BACKENDS := ucontext asm uring
gate-build:
	$(Q)sh scripts/deps.sh build gate
	$(Q)$(MAKE) --no-print-directory $(foreach b,$(GATE_BACKENDS),$(BUILD)/$(b)/bench/gate)
gate: gate-build
	$(Q)$(PYTHON) scripts/gate.py --build $(BUILD)
baseline: gate-build
	$(Q)$(PYTHON) scripts/gate.py --build $(BUILD) --update
.PHONY: gate gate-build baseline

# ---- wall-time A/B against another revision (advisory on a shared machine) --------
BASE ?=
BACKEND ?= asm
REPS ?= 9
bench-compare: deps-bench
	$(Q)test -n "$(BASE)" || { echo "usage: make bench-compare BASE=<git revision> [BACKEND=asm] [REPS=9] [FILTER=regex]"; exit 2; }
	$(Q)$(PYTHON) scripts/bench_compare.py --base "$(BASE)" --backend $(BACKEND) --reps $(REPS) $(if $(FILTER),--filter '$(FILTER)')

# ---- the conformance suite ----------------------------------------------
PYTEST_ARGS ?=
test: deps
	$(Q)$(MAKE) --no-print-directory -j$(NPROC) conformance
	$(Q)GORT_BUILD=$(BUILD) GORT_BACKENDS="$(BACKENDS)" GORT_SAN="$(SAN)" \
	  $(PYTHON) -m pytest -q -rs conformance $(PYTEST_ARGS)

test-asan:
	$(Q)$(MAKE) --no-print-directory SAN=address test

test-tsan:
	$(Q)$(MAKE) --no-print-directory SAN=thread test

check: test test-asan test-tsan

# the suite and the gate must catch deliberately broken or slowed runtimes
mutants: deps
	$(Q)$(PYTHON) scripts/mutants.py
	$(Q)$(PYTHON) scripts/mutants.py --gate
.PHONY: mutants

clean:
	rm -rf build build-asan build-tsan
