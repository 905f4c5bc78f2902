# The workbook's one Makefile. `make help` says what each target does.
# Lessons are found by their folders (lessons/NN-topic/), mutants by their
# files (checks/mutants/*.c): adding one means adding files, not editing here.
# Everything generated goes under build/.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

LESSONS := $(patsubst lessons/%/,%,$(sort $(wildcard lessons/[0-9][0-9]-*/)))
MUTANTS := $(patsubst checks/mutants/%.c,%,$(sort $(wildcard checks/mutants/*.c)))
HARNESS := $(patsubst checks/harness/%.c,%,$(sort $(wildcard checks/harness/*.c)))
LESSON ?=
# `make check LESSON=NN` checks one lesson and its mutants only.
CHECKED := $(if $(LESSON),$(filter $(LESSON) $(LESSON)-% 0$(LESSON)-%,$(LESSONS)),$(LESSONS))
CHECKED_MUTANTS := $(if $(LESSON),$(filter $(foreach l,$(CHECKED),$(firstword $(subst -, ,$(l)))-%),$(MUTANTS)),$(MUTANTS))

B := build
LIB := checks/lib
WORKBOOK := $(LIB)/workbook

CC := $(if $(filter default,$(origin CC)),gcc,$(CC))
CLANG ?= clang
HAVE_CLANG := $(shell command -v $(CLANG) 2>/dev/null)
WARNINGS := -std=c11 -Wall -Wextra -Wpedantic
# Test builds: no optimiser (it removes unused malloc/free pairs and hides
# bugs), debug lines for Valgrind, every allocator routed through the injector.
TEST_FLAGS := -O0 -g
WRAPPED := malloc calloc realloc strdup fopen
WRAP_FLAGS := $(foreach f,$(WRAPPED),-Wl,--wrap=$(f))
LDLIBS ?= -lm
CFLAGS ?=
LDFLAGS ?=
INJECT := $(B)/lib/inject.o

ifeq ($(V),1)
Q :=
else
Q := @
endif
export CLANG

# $(call build_program,BINARY,SOURCE): the test build of one program. It
# always leaves BINARY.gcc.log (the compiler's words, empty when clean); a
# program that does not compile leaves no BINARY, and the checks say why.
define build_program
$(1): $(2) $(INJECT) | deps
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  CC      $(2)")
	$(Q)if $$(CC) $$(WARNINGS) $$(TEST_FLAGS) -MMD -MP -MF $(1).d -MT $(1) $$(CFLAGS) \
	    $(2) $$(INJECT) $$(WRAP_FLAGS) $$(LDFLAGS) $$(LDLIBS) -o $(1) 2> $(1).gcc.log; \
	then :; else rm -f $(1); fi; sed 's/^/    /' $(1).gcc.log
$(1).clang.log: $(2) | deps
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  CLANG   $(2)")
	$(Q)$$(CLANG) $$(WARNINGS) $$(TEST_FLAGS) $$(CFLAGS) -c $(2) -o $(1).clang.o 2> $$@ || true; \
	sed 's/^/    /' $$@
-include $(1).d
PROGRAMS += $(1) $(if $(HAVE_CLANG),$(1).clang.log)
endef

$(foreach l,$(LESSONS),\
  $(eval $(call build_program,$(B)/$(l)/example,lessons/$(l)/example.c))\
  $(eval $(call build_program,$(B)/$(l)/exercise,lessons/$(l)/exercise.c))\
  $(eval $(call build_program,$(B)/$(l)/solution,solutions/$(l).c))\
  $(eval $(call build_program,$(B)/$(l)/shipped,$(B)/$(l)/shipped-src/exercise.c)))
$(foreach m,$(MUTANTS),$(eval $(call build_program,$(B)/mutants/$(m),checks/mutants/$(m).c)))
$(foreach h,$(HARNESS),$(eval $(call build_program,$(B)/harness/$(h),checks/harness/$(h).c)))

# What a learner builds, and what each lesson's checks need, by unit.
learner_programs = $(B)/$(1)/example $(B)/$(1)/exercise \
    $(if $(HAVE_CLANG),$(B)/$(1)/example.clang.log $(B)/$(1)/exercise.clang.log)
unit_programs = $(B)/$(1) $(if $(HAVE_CLANG),$(B)/$(1).clang.log)

$(INJECT): $(LIB)/inject.c | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARNINGS) $(TEST_FLAGS) -MMD -MP $(CFLAGS) -c $< -o $@
-include $(INJECT:.o=.d)

# The committed version of each exercise (see `workbook shipped`).
$(B)/%/shipped-src/exercise.c: FORCE | deps
	@$(WORKBOOK) shipped $* $@

.PHONY: all verify hint reset watch check clean help deps FORCE
FORCE:

deps:
	@$(WORKBOOK) deps $(if $(filter check,$(MAKECMDGOALS)),check)

all: $(foreach l,$(LESSONS),$(call learner_programs,$(l)))
	@$(WORKBOOK) status

verify: $(foreach l,$(LESSONS),$(call learner_programs,$(l)))
	@$(WORKBOOK) verify $(LESSON)

hint:
	@$(WORKBOOK) hint $(LESSON)

reset:
	@$(WORKBOOK) reset $(LESSON)

watch: | deps
	@MAKE="$(MAKE)" $(WORKBOOK) watch $(LESSON)

# The self-test: one unit per example, solution, shipped exercise and
# mutant, plus the checks' own tests; units run in parallel under -j.
UNITS := $(foreach l,$(CHECKED),$(l).example $(l).solution $(l).shipped) \
    $(addprefix mutant.,$(CHECKED_MUTANTS)) $(if $(LESSON),,harness)
RESULTS := $(UNITS:%=$(B)/results/%.result)

$(foreach l,$(LESSONS),\
  $(eval $(B)/results/$(l).example.result: $(call unit_programs,$(l)/example))\
  $(eval $(B)/results/$(l).solution.result: $(call unit_programs,$(l)/solution))\
  $(eval $(B)/results/$(l).shipped.result: $(call unit_programs,$(l)/shipped)))
$(foreach m,$(MUTANTS),$(eval $(B)/results/mutant.$(m).result: $(call unit_programs,mutants/$(m))))
$(B)/results/harness.result: $(foreach h,$(HARNESS),$(call unit_programs,harness/$(h)))

$(B)/results/%.result: FORCE | deps
	@$(WORKBOOK) unit $* $@

check: $(RESULTS)
	$(if $(HAVE_CLANG),,@echo "note: clang is not installed, so only gcc builds were checked (apt-get install clang)")
	@$(WORKBOOK) summary $(RESULTS)

clean:
	rm -rf $(B)

help:
	@echo "make                      build every lesson, show progress and the next step"
	@echo "make verify [LESSON=NN]   check your exercise(s); the first failure explained"
	@echo "make hint LESSON=NN       the next hint for that lesson"
	@echo "make reset LESSON=NN      put the exercise back as shipped (your copy is kept)"
	@echo "make watch LESSON=NN      verify again on every save (Ctrl-C stops)"
	@echo "make check [LESSON=NN]    the whole self-test; ends with 'N passed, N failed'"
	@echo "make clean                remove build/"
	@echo "CC, CFLAGS, LDFLAGS and V=1 work as usual; make -j is safe."
