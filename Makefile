# The workbook's one Makefile. `make help` says what each target does, from
# the "## USAGE -- WHAT IT DOES" line above it: the one list of commands,
# which README's table of commands is checked against.
# Lessons are found by their folders (lessons/NN-topic/), mutants by their
# files (checks/mutants/*.patch): adding one means adding files, not editing here.
# Everything generated goes under build/.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

LESSONS := $(patsubst lessons/%/,%,$(sort $(wildcard lessons/[0-9][0-9]-*/)))
MUTANTS := $(patsubst checks/mutants/%.patch,%,$(sort $(wildcard checks/mutants/*.patch)))
HARNESS := $(patsubst checks/harness/%.c,%,$(sort $(wildcard checks/harness/*.c)))
LESSON ?=
# `make verify LESSON=NN` and `make check LESSON=NN` deal with one lesson.
SELECTED := $(if $(LESSON),$(filter $(LESSON) $(LESSON)-% 0$(LESSON)-%,$(LESSONS)),$(LESSONS))
SELECTED_MUTANTS := $(if $(LESSON),$(filter $(foreach l,$(SELECTED),$(firstword $(subst -, ,$(l)))-%),$(MUTANTS)),$(MUTANTS))

B := build
SB := $(B)/sanitize
LIB := checks/lib
WORKBOOK := $(LIB)/workbook

CC := $(if $(filter default,$(origin CC)),gcc,$(CC))
CLANG ?= clang
WARNINGS := -std=c11 -Wall -Wextra -Wpedantic
# Test builds: no optimiser (it removes unused malloc/free pairs and hides
# bugs), debug lines for Valgrind, every allocator routed through the injector.
TEST_FLAGS := -O0 -g
# SANITIZE=1 builds: AddressSanitizer, LeakSanitizer and UBSan instead of
# Valgrind (the two cannot share a binary), in a build tree of their own.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
WRAPPED := malloc calloc realloc strdup fopen main
WRAP_FLAGS := $(foreach f,$(WRAPPED),-Wl,--wrap=$(f))
LDLIBS ?= -lm
CFLAGS ?=
LDFLAGS ?=

ifeq ($(V),1)
Q :=
else
Q := @
endif
export CLANG CC WARNINGS TEST_FLAGS CFLAGS LDFLAGS LDLIBS WRAP_FLAGS

# A learner's locale that this machine does not have makes every bash the
# checks start print a warning: then the workbook speaks C.UTF-8.
ifneq ($(shell bash -c : 2>&1),)
export LC_ALL := C.UTF-8
endif

# What the builds depend on besides their sources: the compilers found and
# their flags, written by `workbook config` after deps has installed what was
# missing, and rewritten only when it changes. So a change of CC, CFLAGS,
# LDFLAGS or LDLIBS, or a compiler that has just been installed, rebuilds
# what it affects, and nothing is decided before the tools are in place.
CONFIG := $(B)/config
$(CONFIG): FORCE | deps
	@$(WORKBOOK) config $@

# $(call build_program,BINARY,SOURCE,EXTRA_FLAGS,INJECTOR): the test build of
# one program. It always leaves BINARY.gcc.log (the compiler's words, empty
# when clean; shown for lesson files); a program that does not compile
# leaves no BINARY, and its checks say why.
define build_program
$(1): $(2) $(4) $(CONFIG) | deps
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  CC      $(2)$(if $(3),  [sanitizers])")
	$(Q)if $$(CC) $$(WARNINGS) $$(TEST_FLAGS) $(3) -MMD -MP -MF $(1).d -MT $(1) $$(CFLAGS) \
	    $(2) $(4) $$(WRAP_FLAGS) $(3) $$(LDFLAGS) $$(LDLIBS) -o $(1) 2> $(1).gcc.log; \
	then :; else rm -f $(1); fi $(if $(filter lessons/%,$(2)),; sed 's/^/    /' $(1).gcc.log)
$(1).clang.log: $(2) $(CONFIG) | deps
	@mkdir -p $$(@D)
	$(Q)if command -v $$(CLANG) >/dev/null 2>&1; then \
	    $$(if $$(Q),echo "  CLANG   $(2)$(if $(3),  [sanitizers])";) \
	    $$(CLANG) $$(WARNINGS) $$(TEST_FLAGS) $(3) $$(CFLAGS) -c $(2) -o $(1).clang.o 2> $$@ || true; \
	    $(if $(filter lessons/%,$(2)),sed 's/^/    /' $$@;) \
	else : > $$@; fi
-include $(1).d
endef

# $(call build_contract,BINARY,LESSON,SOURCE,INJECTOR,EXTRA_FLAGS): the
# contract tests of LESSON (checks/contracts/LESSON.c), built around SOURCE
# (its main renamed) as BINARY.contract; BINARY.contract.log keeps the
# compiler's words. A learner's file may warn here: the checks of the
# program itself judge its warnings.
define build_contract
$(1).contract: checks/contracts/$(2).c $(3) $(4) $(LIB)/contract.h $(CONFIG) | deps
	@mkdir -p $$(@D)
	$$(if $$(Q),@echo "  CC      checks/contracts/$(2).c  [with $(3)$(if $(5), and sanitizers)]")
	$(Q)$$(CC) $$(WARNINGS) $$(TEST_FLAGS) $(5) -I$(LIB) -DLESSON_SOURCE='"$$(abspath $(3))"' \
	    -Dmain=lesson_main -MMD -MP -MF $(1).contract.d -MT $(1).contract $$(CFLAGS) checks/contracts/$(2).c \
	    $(4) $$(WRAP_FLAGS) $(5) $$(LDFLAGS) $$(LDLIBS) -o $$@ 2> $$@.log || rm -f $$@
-include $(1).contract.d
endef
CONTRACT_LESSONS := $(patsubst checks/contracts/%.c,%,$(wildcard checks/contracts/*.c))
# The lesson of a mutant, from its number; the mutants of an example (whose
# functions the contract tests do not test), from their patches.
mutant_lesson = $(filter $(firstword $(subst -, ,$(1)))-%,$(LESSONS))
EXAMPLE_MUTANTS := $(patsubst checks/mutants/%.patch,%,$(shell grep -l '^role: *example' checks/mutants/*.patch))
# A program's contract tests, when its lesson has them: $(call contract,BINARY,LESSON).
contract = $(if $(filter $(2),$(CONTRACT_LESSONS)),$(1).contract)

$(foreach l,$(CONTRACT_LESSONS),\
  $(eval $(call build_contract,$(B)/$(l)/exercise,$(l),lessons/$(l)/exercise.c,$(B)/lib/inject.o))\
  $(eval $(call build_contract,$(B)/$(l)/solution,$(l),solutions/$(l).c,$(B)/lib/inject.o))\
  $(eval $(call build_contract,$(B)/$(l)/shipped,$(l),$(B)/$(l)/shipped-src/exercise.c,$(B)/lib/inject.o))\
  $(eval $(call build_contract,$(SB)/$(l)/solution,$(l),solutions/$(l).c,$(SB)/lib/inject.o,$(SAN_FLAGS))))
$(foreach m,$(filter-out $(EXAMPLE_MUTANTS),$(MUTANTS)),$(if $(call contract,x,$(call mutant_lesson,$(m))),\
  $(eval $(call build_contract,$(B)/mutants/$(m),$(call mutant_lesson,$(m)),$(B)/mutants/src/$(m).c,$(B)/lib/inject.o))))

# Valgrind builds of every program, and sanitizer builds of what
# SANITIZE=1 checks (examples, solutions) and of the mutants.
$(foreach l,$(LESSONS),\
  $(eval $(call build_program,$(B)/$(l)/example,lessons/$(l)/example.c,,$(B)/lib/inject.o))\
  $(eval $(call build_program,$(B)/$(l)/exercise,lessons/$(l)/exercise.c,,$(B)/lib/inject.o))\
  $(eval $(call build_program,$(B)/$(l)/solution,solutions/$(l).c,,$(B)/lib/inject.o))\
  $(eval $(call build_program,$(B)/$(l)/shipped,$(B)/$(l)/shipped-src/exercise.c,,$(B)/lib/inject.o))\
  $(eval $(call build_program,$(SB)/$(l)/example,lessons/$(l)/example.c,$(SAN_FLAGS),$(SB)/lib/inject.o))\
  $(eval $(call build_program,$(SB)/$(l)/solution,solutions/$(l).c,$(SAN_FLAGS),$(SB)/lib/inject.o)))
$(foreach m,$(MUTANTS),\
  $(eval $(call build_program,$(B)/mutants/$(m),$(B)/mutants/src/$(m).c,,$(B)/lib/inject.o))\
  $(eval $(call build_program,$(SB)/mutants/$(m),$(B)/mutants/src/$(m).c,$(SAN_FLAGS),$(SB)/lib/inject.o)))
$(foreach h,$(HARNESS),\
  $(eval $(call build_program,$(B)/harness/$(h),checks/harness/$(h).c,,$(B)/lib/inject.o))\
  $(eval $(call build_program,$(SB)/harness/$(h),checks/harness/$(h).c,$(SAN_FLAGS),$(SB)/lib/inject.o)))

$(B)/lib/inject.o: $(LIB)/inject.c $(CONFIG) | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARNINGS) $(TEST_FLAGS) -MMD -MP $(CFLAGS) -c $< -o $@
$(SB)/lib/inject.o: $(LIB)/inject.c $(CONFIG) | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARNINGS) $(TEST_FLAGS) $(SAN_FLAGS) -MMD -MP $(CFLAGS) -c $< -o $@
-include $(B)/lib/inject.d $(SB)/lib/inject.d

# The committed version of each exercise (see `workbook shipped`).
$(B)/%/shipped-src/exercise.c: FORCE | deps
	@$(WORKBOOK) shipped $* $@

# Each mutant: its base (a solution or example) with its patch applied.
$(B)/mutants/src/%.c: checks/mutants/%.patch FORCE | deps
	@$(WORKBOOK) mutant $* $@

# A program's build, with its clang build (an empty log where clang is not
# installed: the checks ask for clang when they run).
built = $(1) $(1).clang.log
LEARNER_PROGRAMS := $(foreach l,$(LESSONS),$(call built,$(B)/$(l)/example) $(call built,$(B)/$(l)/exercise))

.PHONY: all verify hint reset watch explain check analyze compare bench remake golden clean help deps FORCE
FORCE:

deps:
	@$(WORKBOOK) deps $(if $(filter check analyze,$(MAKECMDGOALS)),check)

## make -- build every lesson, show progress and the next step
all: $(LEARNER_PROGRAMS) compile_commands.json
	@$(WORKBOOK) status

# For clangd and editors: how each C file of the workbook is compiled.
compile_commands.json: $(CONFIG) FORCE | deps
	@$(WORKBOOK) compdb $@

## make verify [LESSON=NN] -- check your exercise (or each in turn, stopping at the first not done), first failure explained
verify: $(foreach l,$(SELECTED),$(call built,$(B)/$(l)/example) $(call built,$(B)/$(l)/exercise) \
    $(call contract,$(B)/$(l)/exercise,$(l)))
	@$(WORKBOOK) verify $(LESSON)

## make hint LESSON=NN -- the next hint for that lesson
hint:
	@$(WORKBOOK) hint $(LESSON)

## make reset LESSON=NN -- put the exercise back as shipped, after saying what it discards (each earlier copy is kept under `build/`)
reset:
	@$(WORKBOOK) reset $(LESSON)

## make explain RUN="./prog args" -- run any program of yours (built with `-g`) under Valgrind and say what it found, in plain words
explain: | deps
	@$(WORKBOOK) explain "$(RUN)"

## make watch LESSON=NN -- verify again on every save; Ctrl-C stops
watch: | deps
	@MAKE="$(MAKE)" $(WORKBOOK) watch $(LESSON)

# The self-test is made of units, run in parallel under -j: for each lesson,
# its example, its solution and its exercise as shipped under Valgrind; each
# mutant; the checks' own tests; the example and solution again on sanitizer
# builds and under two static analysers. Each unit writes a result file.
VALGRIND_UNITS := $(foreach l,$(SELECTED),$(l).example $(l).solution $(l).shipped) \
    $(addprefix mutant.,$(SELECTED_MUTANTS)) $(if $(LESSON),,harness equivalence)
SANITIZE_UNITS := $(foreach l,$(SELECTED),sanitize.$(l).example sanitize.$(l).solution)
ANALYZE_UNITS := $(foreach l,$(SELECTED),analyze.$(l).example analyze.$(l).solution)
# Each lesson's text and exercise against the rules of an exercise.
TEXT_UNITS := $(addprefix text.,$(SELECTED))
# The diagnosis engine's golden tests (stored logs, no Valgrind run), and
# README's tables against kinds.tsv and this Makefile.
GOLDEN_UNITS := $(if $(LESSON),,golden readme)
results = $(patsubst %,$(B)/results/%.result,$(1))

# $(call unit,NAME,PREREQUISITES,FIELDS): the rule of one unit of make
# check. FIELDS, words KEY=VALUE, say what it checks: check= the kind of
# unit; for a program, its lesson, its role (whose expected output applies),
# its source as the learner knows it, its build, where its logs go, and
# whether it must pass or fail.
define unit
$(call results,$(1)): $(2) FORCE | deps
	@$$(WORKBOOK) unit $$@ $(3)
endef
# $(call program_fields,LESSON,ROLE,SOURCE,BUILD,EXPECT[,sanitize])
program_fields = check=program lesson=$(1) role=$(2) src=$(3) bin=$(4) logs=$(dir $(4))logs/$(notdir $(4)) \
    expect=$(5) $(if $(6),sanitize=1)

$(foreach l,$(LESSONS),\
  $(eval $(call unit,$(l).example,$(call built,$(B)/$(l)/example),\
    $(call program_fields,$(l),example,lessons/$(l)/example.c,$(B)/$(l)/example,pass) name=example))\
  $(eval $(call unit,$(l).solution,$(call built,$(B)/$(l)/solution) $(call contract,$(B)/$(l)/solution,$(l)),\
    $(call program_fields,$(l),exercise,solutions/$(l).c,$(B)/$(l)/solution,pass) name=solution))\
  $(eval $(call unit,$(l).shipped,$(call built,$(B)/$(l)/shipped) $(call contract,$(B)/$(l)/shipped,$(l)),\
    $(call program_fields,$(l),exercise,lessons/$(l)/exercise.c,$(B)/$(l)/shipped,fail) name=shipped))\
  $(eval $(call unit,sanitize.$(l).example,$(call built,$(SB)/$(l)/example),\
    $(call program_fields,$(l),example,lessons/$(l)/example.c,$(SB)/$(l)/example,pass,1) name=example))\
  $(eval $(call unit,sanitize.$(l).solution,$(call built,$(SB)/$(l)/solution) $(call contract,$(SB)/$(l)/solution,$(l)),\
    $(call program_fields,$(l),exercise,solutions/$(l).c,$(SB)/$(l)/solution,pass,1) name=solution))\
  $(eval $(call unit,analyze.$(l).example,lessons/$(l)/example.c $(LIB)/analyzer-skips.tsv,\
    check=analyze lesson=$(l) name=example src=lessons/$(l)/example.c))\
  $(eval $(call unit,analyze.$(l).solution,solutions/$(l).c $(LIB)/analyzer-skips.tsv,\
    check=analyze lesson=$(l) name=solution src=solutions/$(l).c))\
  $(eval $(call unit,text.$(l),$(B)/$(l)/shipped-src/exercise.c,check=text lesson=$(l))))
$(foreach m,$(MUTANTS),$(eval $(call unit,mutant.$(m),$(call built,$(B)/mutants/$(m)) \
  $(if $(filter $(m),$(EXAMPLE_MUTANTS)),,$(call contract,$(B)/mutants/$(m),$(call mutant_lesson,$(m)))),\
  check=mutant mutant=$(m) src=$(B)/mutants/src/$(m).c bin=$(B)/mutants/$(m) logs=$(B)/mutants/logs/$(m))))
$(eval $(call unit,harness,$(foreach h,$(HARNESS),$(call built,$(B)/harness/$(h)) $(SB)/harness/$(h)),check=harness))
EQUIVALENCE_SAMPLE := $(shell sed -n 's/^SAMPLE=(\(.*\))$$/\1/p' checks/equivalence.bats)
$(eval $(call unit,equivalence,$(foreach h,$(HARNESS),$(call built,$(B)/harness/$(h))) \
  $(foreach m,$(if $(filter all,$(CHECK_EQUIVALENCE)),$(MUTANTS),$(EQUIVALENCE_SAMPLE)),$(call built,$(B)/mutants/$(m)) \
    $(if $(filter $(m),$(EXAMPLE_MUTANTS)),,$(call contract,$(B)/mutants/$(m),$(call mutant_lesson,$(m))))),check=equivalence))
$(eval $(call unit,golden,$(wildcard checks/golden/*.log checks/golden/*.asan checks/golden/*.expected),check=golden))
$(eval $(call unit,readme,README.md Makefile $(LIB)/kinds.tsv,check=readme))

CHECK_UNITS := $(if $(filter 1,$(SANITIZE)),$(SANITIZE_UNITS),$(VALGRIND_UNITS) $(SANITIZE_UNITS) $(ANALYZE_UNITS) $(TEXT_UNITS) $(GOLDEN_UNITS))
## make check [LESSON=NN] -- the self-test: ends with `N passed, N failed`; leaves `build/results/junit.xml`
check: $(call results,$(CHECK_UNITS))
	@command -v $(CLANG) >/dev/null 2>&1 || echo "note: clang is not installed, so only gcc builds were checked"
	@$(WORKBOOK) summary $^

## make check SANITIZE=1 -- only the self-test's AddressSanitizer + UBSan part: the same checks and failure sweep without Valgrind
## make analyze -- only the self-test's static part: `gcc -fanalyzer` and cppcheck on every example and solution
analyze: $(call results,$(ANALYZE_UNITS))
	@$(WORKBOOK) summary $^

# Lesson 06 benchmark: a release build (-O2, no injector) counted by callgrind.
BENCH_PAIRS ?= 1000000
$(B)/bench/06-small-block-pool: lessons/06-small-block-pool/bench.c $(CONFIG) | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARNINGS) -O2 -MMD -MP $(CFLAGS) $< $(LDFLAGS) -o $@
-include $(B)/bench/06-small-block-pool.d

## make bench -- lesson 06: instructions per allocation+free pair, pool against malloc, by callgrind
bench: $(B)/bench/06-small-block-pool
	@$(WORKBOOK) bench $< $(BENCH_PAIRS)

# Which checker catches which mutant, measured: the table in README.md.
## make compare [LESSON=NN] -- measure which checker catches which mutant (the table below)
compare: $(foreach m,$(SELECTED_MUTANTS),$(B)/mutants/$(m) $(SB)/mutants/$(m))
	@$(WORKBOOK) compare $(SELECTED_MUTANTS)

# For maintainers: capture a golden test's log from checks/golden/NAME.c.
## make golden NAME=case -- for maintainers: record `checks/golden/NAME.log` from a run of `NAME.c` and write what the engine finds in it, to be read before it is committed
golden: $(B)/lib/inject.o | deps
	@$(WORKBOOK) golden $(NAME)

# For maintainers: a mutant whose base changed, rewritten against it.
## make remake MUTANT=NAME -- for maintainers: rewrite a mutant's patch against its base after the base changed (applied with fuzz; what does not apply is shown)
remake: | deps
	@$(WORKBOOK) remake $(MUTANT)

## make clean -- remove `build/`
clean:
	rm -rf $(B)

## make help -- this list
help:
	@sed -n 's/^## \(.*\) -- \(.*\)/\1\t\2/p' $(firstword $(MAKEFILE_LIST)) | \
	    awk -F '\t' '{ printf "%-32s %s\n", $$1, $$2 }'
	@echo "CC, CFLAGS, LDFLAGS and V=1 work as usual; make -j is safe."