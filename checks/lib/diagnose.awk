# diagnose.awk: turns a Valgrind (memcheck) text log into findings: one
# record per problem, located in the learner's own file.
#
#   awk -v src=exercise.c -v path=lessons/01-stack-vs-heap/exercise.c \
#       -v max=3 -v root=/path/to/workbook/ -f diagnose.awk kinds.tsv valgrind.log
#
# src is the basename Valgrind prints in stack frames, path what to show
# instead; src may also be a list of basenames, separated by spaces (make
# explain: the program's own source files), each shown as it is; with src
# empty, the first frame that names a source file is the program's own; a file name under root is shown relative to
# it. kinds.tsv (checks/lib/) names the kinds; a
# record with a kind it does not list is a bug here, and stops the run.
#
# A record is a few lines "KEY<TAB>VALUE", ended by an empty line:
#   kind    the kind of problem (the first column of kinds.tsv)
#   what    what happened, in a sentence
#   more    a line that follows it (any number)
#   place   LABEL<TAB>LOCATION: "at", "allocated at", "freed at", ...;
#           LOCATION is "PATH:LINE, in FUNC()" or "a place outside PATH"
#   note    a line after the places (any number)
#   advice  what to do, where the kind's own advice from kinds.tsv does not fit
#   source  valgrind
#   rest    in the last record: how many more problems the log holds
# Before the records, a line "context<TAB>When call N, ... was made to fail:"
# when the injector made an allocation fail: call N when -v failed_call=N says
# which (the failure sweep's run N), else the first. Prints nothing for a
# clean log.

function reset_block() {
    nlines = 0
}

# Splits a frame line "   at 0x1234: fn (file.c:12)" into fr_fn, fr_file, fr_line.
function parse_frame(line,    rest, open) {
    fr_fn = ""; fr_file = ""; fr_line = ""
    rest = line
    sub(/^ *(at|by) 0x[0-9A-Fa-f]+: /, "", rest)
    open = last_index(rest, " (")
    if (open == 0) {
        fr_fn = rest
        return
    }
    fr_fn = substr(rest, 1, open - 1)
    rest = substr(rest, open + 2)
    sub(/\)$/, "", rest)
    if (rest ~ /^in /)
        return
    if (match(rest, /:[0-9]+$/)) {
        fr_file = substr(rest, 1, RSTART - 1)
        fr_line = substr(rest, RSTART + 1)
    }
}

function last_index(s, t,    i, pos) {
    pos = 0
    while ((i = index(s, t)) > 0) {
        pos += i
        s = substr(s, i + 1)
    }
    return pos
}

function is_frame(line) {
    return line ~ /^ +(at|by) 0x[0-9A-Fa-f]+: /
}

# Is the frame just parsed one of the program's own? With src set, a frame
# of that file; without (make explain), any frame that names a source file
# other than the workbook's injector and Valgrind's own.
function own_frame() {
    if (nsrc > 1)
        return fr_file in own_files
    if (src != "")
        return fr_file == src
    return fr_file != "" && fr_file != "inject.c" && fr_file !~ /^vg_/ && fr_fn !~ /^(\(below main\)|__libc_start)/
}

function shown_file() {
    return nsrc > 1 || path == "" ? fr_file : path
}

# Where a stack starting at block line `first` touches the learner's code:
# "path:LINE, in fn()". Sets loc_chain to the functions called on the way
# (innermost first) and loc_alloc to the one the learner's line called.
function locate(first,    i, fallback, name) {
    fallback = ""
    loc_chain = ""
    loc_alloc = ""
    for (i = first; i <= nlines && is_frame(lines[i]); i++) {
        parse_frame(lines[i])
        if (own_frame()) {
            return shown_file() ":" fr_line ", in " fr_fn "()"
        }
        if (fr_file == "inject.c" || fr_fn ~ /^(__wrap_|VALGRIND_)/)
            continue
        name = fr_fn
        sub(/@.*/, "", name)
        sub(/^_+/, "", name)
        loc_chain = loc_chain " " name
        loc_alloc = name
        if (fallback == "" && fr_file != "" && fr_file !~ /^vg_/ && fr_fn !~ /^\(below main\)/)
            fallback = fr_file ":" fr_line ", in " fr_fn "() (not in " (src != "" ? src : "your program") ")"
    }
    return fallback == "" ? "a place outside " (src != "" ? path : "your program") : fallback
}

# The program's own frames of the stack that starts at block line `first`,
# innermost first, as "LOCATION|LOCATION|...".
function own_chain(first,    i, out) {
    out = ""
    for (i = first; i <= nlines && is_frame(lines[i]); i++) {
        parse_frame(lines[i])
        if (own_frame())
            out = out (out == "" ? "" : "|") shown_file() ":" fr_line ", in " fr_fn "()"
    }
    return out
}

# The place a stack first touches the program, with the program's frame
# that called it: "LOCATION, called from LOCATION".
function with_caller(first,    a, n) {
    n = split(own_chain(first), a, "|")
    if (n == 0)
        return locate(first)
    return a[1] (n > 1 ? ", called from " a[2] : "")
}

# When two stacks first touch the program at the same place, the first of
# their own frames where they part: sets part_a and part_b (empty when the
# stacks are the same all the way).
function parting(first_a, first_b,    a, b, na, nb, i) {
    na = split(own_chain(first_a), a, "|")
    nb = split(own_chain(first_b), b, "|")
    part_a = ""; part_b = ""
    for (i = 2; i <= na && i <= nb; i++)
        if (a[i] != b[i]) {
            part_a = a[i]; part_b = b[i]
            return
        }
}

# The index of the first frame after the aux line matching `pattern`, or 0.
function stack_after(pattern,    i) {
    for (i = 2; i <= nlines; i++)
        if (lines[i] ~ pattern && i < nlines && is_frame(lines[i + 1]))
            return i + 1
    return 0
}

function first_frame(    i) {
    for (i = 2; i <= nlines; i++)
        if (is_frame(lines[i]))
            return i
    return 0
}

function aux_line(pattern,    i) {
    for (i = 2; i <= nlines; i++)
        if (lines[i] ~ pattern)
            return lines[i]
    return ""
}

# The innermost function of the stack at block line `first` (realloc, free...).
function innermost(first) {
    if (first == 0)
        return ""
    parse_frame(lines[first])
    return fr_fn
}

function bytes_word(n) {
    return n == "1" ? "1 byte" : n " bytes"
}

function blocks_word(n) {
    return n == "1" ? "1 block" : n " blocks"
}

# Starts a record of `kind` saying `what`; rank orders the report: errors as
# they happened (0), follow-on errors (1), files left open (2), then leaks,
# the definitely lost first (3-6). Fields are added with field().
function start(kind, what, rank) {
    if (!(kind in known)) {
        printf "diagnose.awk: kind \"%s\" is not in kinds.tsv\n", kind > "/dev/stderr"
        exit 2
    }
    nfound++
    rec[nfound] = "kind\t" kind "\nwhat\t" what "\n"
    ranks[nfound] = rank + 0
}

function field(key, value) {
    rec[nfound] = rec[nfound] key "\t" value "\n"
}

function size_of(head,    s) {
    s = head
    sub(/.* of size /, "", s)
    return s
}

# The parts of an "Address 0x... is N bytes inside/after/before a block of
# size M ..." line: addr_off (N), addr_rel (inside, after, before) and
# addr_block (M); addr_rel is empty when the line says something else.
function address_parts(addr,    s) {
    addr_off = ""; addr_rel = ""; addr_block = ""
    if (!match(addr, /is [0-9,]+ bytes? (inside|after|before) a (recently re-allocated )?block of size [0-9,]+/))
        return
    s = substr(addr, RSTART, RLENGTH)
    addr_off = s; sub(/^is /, "", addr_off); sub(/ .*/, "", addr_off)
    addr_rel = s; sub(/.* bytes? /, "", addr_rel); sub(/ .*/, "", addr_rel)
    addr_block = s; sub(/.* of size /, "", addr_block)
}

# An address Valgrind gives, as a number, when it is below the first page
# (4096): a NULL pointer plus a small offset.
function low_address(text,    hex, i, n, c) {
    if (!match(text, /address 0x[0-9A-Fa-f]+/) && !match(text, /Address 0x[0-9A-Fa-f]+/))
        return 0
    hex = substr(text, RSTART + 10, RLENGTH - 10)
    if (length(hex) > 4)
        return 0
    n = 0
    for (i = 1; i <= length(hex); i++) {
        c = index("0123456789abcdef", tolower(substr(hex, i, 1))) - 1
        n = n * 16 + c
    }
    return n < 4096
}

function uaf_advice(freer) {
    if (freer ~ /^realloc/)
        field("advice", "realloc moved the block and freed the old one: every pointer into the old block is stale. " \
            "Keep realloc's result in a separate variable, and after it succeeds use only the new pointer.")
}

# "Invalid read/write of size N", and the same for a system call's buffer.
function access_error(verb, bytes,    addr, where, freer, o, what, lead) {
    addr = aux_line("^ Address ")
    where = locate(2)
    address_parts(addr)
    # "a read of 8 bytes"; a system call's buffer has no size of its own
    lead = bytes == "" ? verb : "a " verb " of " bytes_word(bytes)
    if (addr ~ /block of size .* free.d$/) {
        o = stack_after("free'd$")
        freer = innermost(o)
        start("use-after-free", lead " from a block that was already " \
            (freer ~ /^realloc/ ? "freed by realloc" : "freed"))
        field("place", "at\t" where)
        field("place", "freed at\t" locate(o))
        field("place", "allocated at\t" locate(stack_after("^ Block was alloc'd at")))
        uaf_advice(freer)
        return
    }
    if (addr_rel == "inside" && addr ~ / recently re-allocated block /) {
        # Memcheck says "recently re-allocated" when the address lies in a
        # block that was freed a moment ago and in a live block that holds it:
        # a custom allocator's block (a pool's, given back with its
        # VALGRIND_MEMPOOL_FREE) inside the malloc'd slab it was cut from.
        start("use-after-free", lead " from a block that was already given back to its pool")
        field("place", "at\t" where)
        field("note", "(Valgrind names the slab it was cut from, allocated at " locate(stack_after("alloc'd$")) ")")
        field("advice", "Once a block is given back to its pool, no pointer into it may be used again.")
        return
    }
    if (addr_rel == "inside" && bytes != "" && addr_off + bytes <= addr_block + 0) {
        # Wholly inside a live malloc'd block, yet off-limits: only a client
        # request (a pool's VALGRIND_MAKE_MEM_NOACCESS) makes that so.
        start("pool-annotation", lead ", " addr_off " bytes into a block of " \
            addr_block " bytes, where Valgrind was told that no one may touch")
        field("place", "at\t" where)
        field("place", "the slab was allocated at\t" locate(stack_after("alloc'd$")))
        field("note", "In a pool's slab that is a block the pool has not handed out: it gave it out without")
        field("note", "VALGRIND_MEMPOOL_ALLOC, or the code uses a block it never asked the pool for.")
        return
    }
    if (addr_rel != "") {
        if (addr_rel == "after")
            what = (addr_off == "0" ? "just past the end" : addr_off " bytes past the end")
        else if (addr_rel == "before")
            what = addr_off " bytes before the start"
        else
            what = "running over the end"
        start("out-of-bounds", lead ", " what " of a block of " addr_block " bytes")
        field("place", "at\t" where)
        if (addr ~ /in arena "client"$/)
            field("note", "(Valgrind cannot say which allocation made that block: it is too far from the access)")
        else
            field("place", "the block was allocated at\t" locate(stack_after("alloc'd$")))
        if (addr_rel == "before" && addr_off + 0 <= 32)
            field("note", "Just before a block's start lies what its allocator keeps there: does this pointer come from the allocator this code expects?")
        return
    }
    if (low_address(addr)) {
        start("null-deref", lead " through a NULL pointer")
        field("place", "at\t" where)
        return
    }
    if (addr ~ /on thread [0-9]+'s stack/) {
        if (stack_switch) {
            start("stack-overflow", lead " past the end of the stack: the stack overflowed")
            field("place", "at\t" where)
            field("note", "A local array this large does not fit in the stack (8 MiB here).")
            return
        }
        start("use-after-return", lead " from a stack frame that no longer exists")
        field("place", "at\t" where)
        return
    }
    start("invalid-access", lead " at an address that belongs to no block")
    field("place", "at\t" where)
}

function free_error(    addr, o, first_at, freer, where, other, label) {
    addr = aux_line("^ Address ")
    address_parts(addr)
    if (addr ~ /block of size .* free.d$/) {
        o = stack_after("free'd$")
        freer = innermost(o)
        start("double-free", freer ~ /^realloc/ ? "a block was freed after realloc had already freed it" : "a block was freed twice")
        where = locate(2); first_at = 2
        other = locate(o)
        field("place", "second free at\t" where)
        field("place", "first free at\t" other)
        if (where == other) {
            parting(first_at, o)
            if (part_a != "") {
                field("place", "second time called from\t" part_a)
                field("place", "first time called from\t" part_b)
            }
        }
        field("place", "allocated at\t" locate(stack_after("^ Block was alloc'd at")))
        if (freer ~ /^realloc/)
            uaf_advice(freer)
        else
            field("advice", "Free each block exactly once: decide which owner frees it, and set every other pointer to it to NULL or let it go out of scope.")
        return
    }
    if (addr_rel == "inside" && addr ~ / recently re-allocated block /) {
        start("double-free", "a block was given back to its pool twice")
        field("place", "second time at\t" locate(2))
        field("note", "(Valgrind names the slab it was cut from, allocated at " locate(stack_after("alloc'd$")) ")")
        field("advice", "Give each block back exactly once.")
        return
    }
    if (addr_rel != "") {
        label = addr_rel == "before" ? " bytes before" : addr_rel == "after" ? " bytes after" : " bytes inside"
        start("invalid-free", "free() was given a pointer " addr_off label " a block of " addr_block " bytes")
        field("place", "at\t" locate(2))
        field("place", "the block was allocated at\t" locate(stack_after("alloc'd$")))
        return
    }
    start("invalid-free", "free() was given memory that no malloc returned")
    field("place", "at\t" locate(2))
    field("advice", "Free only what malloc, calloc, realloc or strdup returned.")
}

function uninit_error(head,    what, o, call) {
    if (head ~ /^Conditional jump/)
        what = "a decision (an if, a loop test, a ?:) was taken on uninitialised data"
    else if (head ~ /^Use of uninitialised/)
        what = "an uninitialised value was used to compute an address or to print"
    else {
        call = head; sub(/^Syscall param /, "", call); sub(/ points to .*/, "", call)
        what = "uninitialised bytes were written out (the system call " call " was given them)"
    }
    start("uninitialised", what, invalid_write_seen ? 1 : 0)
    field("place", "at\t" locate(2))
    o = stack_after("^ Uninitialised value was created by a heap allocation")
    if (o > 0)
        field("place", "the memory was allocated at\t" locate(o) ", and nothing wrote it before this")
    o = stack_after("^ Uninitialised value was created by a stack allocation")
    if (o > 0) {
        field("place", "the value is a local variable of\t" locate(o) ", never set before this")
        if (head ~ /^Syscall param/)
            field("advice", "A local variable written out whole carries every byte it holds, padding too: " \
                "set each byte before it leaves, or write out only the bytes you set.")
        else
            field("advice", "A local variable holds whatever its stack held until you set it: " \
                "give it a value on every path before you use it.")
    }
    if (invalid_write_seen)
        field("note", "This may follow from the invalid write above, which put bytes where nobody expected them: fix that first.")
}

function leak_record(head,    bytes, blocks, how, where, rank, direct, indirect) {
    if (crashed && head ~ /still reachable/)
        return
    bytes = head; sub(/ .*/, "", bytes)
    indirect = ""
    if (head ~ /^[0-9,]+ \([0-9,]+ direct, [0-9,]+ indirect\)/) {
        direct = head; sub(/^[0-9,]+ \(/, "", direct); sub(/ direct.*/, "", direct)
        indirect = head; sub(/^.* direct, /, "", indirect); sub(/ indirect.*/, "", indirect)
        bytes = direct
    }
    blocks = head; sub(/ blocks? are .*/, "", blocks); sub(/.* in /, "", blocks)
    where = locate(2)
    if (loc_chain ~ /fopen|fdopen|opendir|tmpfile/)
        return      # a stream left open: reported from the descriptor list
    if (head ~ /definitely lost/)
        how = "were never freed (definitely lost: no pointer to them remains)"
    else if (head ~ /indirectly lost/)
        how = "were never freed (indirectly lost: only a lost block pointed at them)"
    else if (head ~ /possibly lost/)
        how = "were never freed (possibly lost: only a pointer into their middle remains)"
    else
        how = "were still allocated at exit (still reachable: a pointer remained, but nothing freed them)"
    rank = head ~ /definitely/ ? 3 : head ~ /indirectly/ ? 4 : head ~ /possibly/ ? 5 : 6
    start("leak", bytes_word(bytes) " in " blocks_word(blocks) " " how (indirect != "" ? ";" : ""), rank)
    if (indirect != "")
        field("more", "the " bytes_word(indirect) " they alone pointed to were lost with them (indirectly lost)")
    if (loc_alloc != "" && loc_alloc !~ /^(malloc|calloc|realloc)$/)
        where = where " (by " loc_alloc ")"
    field("place", "allocated at\t" where)
    # the caller, when the allocation is made by a function of the program's
    # own that others call (a constructor, a tracking allocator)
    if (split(own_chain(2), chain, "|") > 1)
        field("place", "called from\t" chain[2])
}

function fd_record(head,    name) {
    if (crashed || nlines < 2 || !is_frame(lines[2]))
        return      # inherited from the parent, or the run died anyway
    name = head; sub(/^Open file descriptor [0-9]+: ?/, "", name)
    if (root != "" && index(name, root) == 1)
        name = substr(name, length(root) + 1)       # as the learner would type it
    start("fd-leak", "a file was left open" (name == "" ? "" : ": " name), 2)
    field("place", "opened at\t" locate(2))
}

# "Process terminating with default action of signal N (SIG...)": the
# program died. Located from the frames Valgrind prints under it; a problem
# found before it gets a note, else the death is the finding.
function crash_record(head,    sig, aux, f, crash_where) {
    sig = head; sub(/.*signal /, "", sig)
    crashed = 1
    f = first_frame()
    aux = lines[2]; sub(/^ +/, "", aux)
    crash_where = f ? locate(f) : "a place outside " (src != "" ? path : "your program")
    if (nfound > 0) {
        rec[nfound] = rec[nfound] "note\tThe program then died of signal " sig ".\n"
        return
    }
    if (log_text ~ /main thread stack size used in this run/ && stack_switch) {
        start("stack-overflow", "the stack overflowed: the program died of signal " sig)
    } else if (low_address(aux)) {
        start("null-deref", "the program died of signal " sig ", reading or writing through a NULL pointer")
    } else {
        start("crash", "the program was killed by signal " sig)
        if (aux != "" && !is_frame(lines[2]))
            field("more", "(Valgrind: " aux ")")
    }
    field("place", "at\t" crash_where)
}

# Valgrind stopped itself: its own assertion failed, or it crashed.
function tool_abort(line) {
    if (aborted)
        return
    aborted = 1
    abort_words = line
    sub(/^valgrind: */, "", abort_words)
    sub(/^-+[0-9]+-+ */, "", abort_words)
}

function process_block(    head, i, f, call, target, n) {
    if (nlines == 0)
        return
    head = lines[1]
    if (head ~ /^FILE DESCRIPTORS:/) {
        for (i = 1; i < nlines; i++)
            lines[i] = lines[i + 1]
        nlines--
        if (nlines == 0)
            return
        head = lines[1]
    }
    if (aborted) {
        # after Valgrind's own crash: the client's stack, if it shows one
        if (head ~ /^Thread [0-9]+: status/ && (f = first_frame()) > 0)
            abort_where = locate(f)
        return
    }
    if (head ~ /^inject: call /) {
        # the call the run was made to fail: a contract test may fail others
        # itself (inject_fail_next), before it and after it
        n = head
        sub(/^inject: call /, "", n)
        sub(/,.*/, "", n)
        if (injected == "" && (failed_call == "" || n == failed_call)) {
            injected = head
            sub(/^inject: /, "", injected)
            sub(/, made to fail$/, "", injected)
            injected_at = locate(2)
        }
    } else if (head ~ /^Invalid (read|write) of size/) {
        if (head ~ /^Invalid write/)
            invalid_write_seen = 1
        access_error(head ~ /^Invalid read/ ? "read" : "write", size_of(head))
    } else if (head ~ /^Syscall param .* points to unaddressable byte/) {
        call = head; sub(/^Syscall param /, "", call); sub(/ points to .*/, "", call)
        access_error("the system call " call " was given bytes", "")
    } else if (head ~ /^Invalid free\(\)/) {
        free_error()
    } else if (head ~ /^Mismatched free/) {
        start("invalid-free", "a block was released with the wrong function")
        field("place", "at\t" locate(2))
        field("place", "allocated at\t" locate(stack_after("alloc'd at$")))
        field("advice", "Release every block with the function that matches its allocator.")
    } else if (head ~ /^Open file descriptor [0-9]+/) {
        fd_record(head)
    } else if (head ~ /^(Conditional jump or move depends on uninitialised|Use of uninitialised value|Syscall param .* uninitialised byte)/) {
        uninit_error(head)
    } else if (head ~ /bytes in [0-9,]+ blocks? (are|is) (definitely lost|indirectly lost|possibly lost|still reachable)/) {
        leak_record(head)
    } else if (head ~ /^Process terminating with default action of signal/) {
        crash_record(head)
    } else if (head ~ /^Source and destination overlap in /) {
        call = head; sub(/^Source and destination overlap in /, "", call); sub(/\(.*/, "", call)
        start("overlap", call "() was given a source and a destination that overlap")
        field("place", "at\t" locate(2))
    } else if (head ~ /^Argument '[a-z]+' of function [a-z_]+ has a fishy/) {
        call = head; sub(/.* of function /, "", call); sub(/ has .*/, "", call)
        target = head; sub(/.*value: */, "", target)
        start("bad-size", call "() was asked for a size of " target " (a negative number, turned into a huge size_t)")
        field("place", "at\t" locate(2))
    } else if (head ~ /^Jump to the invalid address stated on the next line/) {
        target = aux_line("^ Address ")
        start("invalid-jump", "a call jumped to an address where there is no code" \
            (low_address(target) ? " (a NULL function pointer)" : ""))
        where = locate(2)
        if (where ~ /^a place outside/)
            where = "a call through a function pointer (Valgrind lost the caller's frame: look for calls through pointers)"
        field("place", "at\t" where)
    } else if (head ~ /^Mempool chunk [0-9]+ \/ [0-9]+ overlaps with its successor/ || head ~ /^Bad mempool \([0-9]+ chunks?\)/) {
        # Valgrind found the pool's chunks overlapping: the pool handed out a
        # block again that it had never told Valgrind it took back
        start("pool-annotation", "the pool handed out the same memory twice, as far as Valgrind knows")
        field("place", "handed out at\t" with_caller(first_frame()))
        field("advice", "The pool took the block back without telling Valgrind: the function that takes blocks " \
            "back needs a VALGRIND_MEMPOOL_FREE for each one, on every path.")
        mempool_record = nfound
    } else if (head ~ /^Illegal memory pool address/) {
        start("pool-annotation", "a block was given to or taken from a pool Valgrind was never told about")
        field("place", "at\t" locate(2))
        field("advice", "Every VALGRIND_MEMPOOL_ALLOC and VALGRIND_MEMPOOL_FREE must name the pool " \
            "(the address) given to VALGRIND_CREATE_MEMPOOL, and only while it lives.")
    } else if (head ~ /^Mempool chunk [0-9]+ \/ [0-9]+: /) {
        if (mempool_record == nfound && nfound > 0 && (f = first_frame()) > 0) {
            where = with_caller(f)
            if (index(rec[nfound], where) == 0 && places_added++ < 1)
                rec[nfound] = rec[nfound] "place\tand before, at\t" where "\n"
        }
    } else if (nlines >= 2 && is_frame(lines[2]) && head !~ /^(HEAP|LEAK|ERROR) SUMMARY/ && head !~ /^(host stacktrace|Warning: )/) {
        start("memory-error", "Valgrind reports: " head)
        field("place", "at\t" locate(2))
    }
}

BEGIN {
    if (max == "")
        max = 3
    FS = "\n"
    nsrc = split(src, list, " ")
    for (i = 1; i <= nsrc; i++)
        own_files[list[i]] = 1
}

# kinds.tsv, the first file: the names of the kinds.
FNR == NR {
    if ($0 !~ /^#/ && $0 !~ /^kind\t/) {
        k = $0; sub(/\t.*/, "", k)
        known[k] = 1
    }
    next
}

{
    line = $0
    if (line ~ /^valgrind: / || line ~ /^-+[0-9]+-+ VALGRIND INTERNAL ERROR/)
        tool_abort(line)
    if (line ~ /^(==|\*\*)[0-9]+(==|\*\*) ?Warning: client switching stacks/)
        stack_switch = 1
    if (line ~ /main thread stack size used in this run/)
        log_text = log_text " main thread stack size used in this run"
    sub(/^(==|\*\*)[0-9]+(==|\*\*) ?/, "", line)
    if (line ~ /^ *$/) {
        process_block()
        reset_block()
    } else if (line !~ /^ / && nlines > 0 && is_frame(lines[nlines])) {
        # a new report straight after a stack, with no blank line between
        process_block()
        reset_block()
        lines[++nlines] = line
    } else {
        lines[++nlines] = line
    }
}

END {
    process_block()
    if (aborted) {
        start("tool", "Valgrind itself stopped before the end of the run: " abort_words)
        field("more", "so leaks and files left open were not checked")
        if (abort_where != "")
            field("place", "the program was at\t" abort_where)
        field("advice", "This usually follows an out-of-bounds write that overwrote Valgrind's own bookkeeping: " \
            "fix the first problem reported, then run again to see the rest.")
        ranks[nfound] = -1      # shown last, whatever max says
    }
    if (injected != "")
        print "context\tWhen " injected " (at " injected_at ") was made to fail:"
    # the same finding twice (the same leak from a loop) is one
    for (i = 2; i <= nfound; i++)
        for (j = 1; j < i; j++)
            if (rec[j] == rec[i]) { ranks[i] = -2; break }
    unique = 0
    for (i = 1; i <= nfound; i++)
        if (ranks[i] != -2) unique++
    shown = 0
    for (r = 0; r <= 6; r++)
        for (i = 1; i <= nfound; i++)
            if (ranks[i] == r && shown < max)
                out[++shown] = rec[i]
    for (i = 1; i <= nfound; i++)
        if (ranks[i] == -1)
            out[++shown] = rec[i]
    # how many more there are goes with the last record shown
    if (unique > shown && shown > 0)
        out[shown] = out[shown] "rest\t" (unique - shown) "\n"
    for (i = 1; i <= shown; i++)
        printf "%ssource\tvalgrind\n\n", out[i]
}
