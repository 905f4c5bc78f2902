# diagnose.awk: turns a Valgrind (memcheck) text log into a diagnosis in
# plain words, located in the learner's own file.
#
#   awk -v src=exercise.c -v path=lessons/01-stack-vs-heap/exercise.c \
#       -v max=3 -f diagnose.awk valgrind.log
#
# src is the basename Valgrind prints in stack frames, path what to show
# instead. Each problem found becomes a paragraph whose first line is
# "[kind] what happened", kind being one of: leak, fd-leak, use-after-free,
# double-free, invalid-free, out-of-bounds, null-deref, use-after-return,
# invalid-access, uninitialised, crash, memory-error. Prints nothing when the
# log shows no problem. When the injector made an allocation fail, the first
# line says which one. At most max problems are described; a last line counts
# the rest.

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

# Where a stack starting at block line `first` touches the learner's code:
# "path:LINE, in fn()". Sets loc_chain to the functions called on the way
# (innermost first) and loc_alloc to the one the learner's line called.
function locate(first,    i, fallback, name) {
    fallback = ""
    loc_chain = ""
    loc_alloc = ""
    for (i = first; i <= nlines && is_frame(lines[i]); i++) {
        parse_frame(lines[i])
        if (fr_file == src)
            return path ":" fr_line ", in " fr_fn "()"
        if (fr_file == "inject.c" || fr_fn ~ /^(__wrap_|VALGRIND_)/)
            continue
        name = fr_fn
        sub(/@.*/, "", name)
        sub(/^_+/, "", name)
        loc_chain = loc_chain " " name
        loc_alloc = name
        if (fallback == "" && fr_file != "")
            fallback = fr_file ":" fr_line ", in " fr_fn "() (not in " src ")"
    }
    return fallback == "" ? "a place outside " path : fallback
}

# The index of the first frame after the aux line matching `pattern`, or 0.
function stack_after(pattern,    i) {
    for (i = 2; i <= nlines; i++)
        if (lines[i] ~ pattern && i < nlines && is_frame(lines[i + 1]))
            return i + 1
    return 0
}

function aux_line(pattern,    i) {
    for (i = 2; i <= nlines; i++)
        if (lines[i] ~ pattern)
            return lines[i]
    return ""
}

function bytes_word(n) {
    return n == "1" ? "1 byte" : n " bytes"
}

function blocks_word(n) {
    return n == "1" ? "1 block" : n " blocks"
}

# Records a problem. Rank orders the report: errors as they happened (0),
# then files left open (1), then leaks, the definitely lost first (2-5).
function add(kind, text, rank) {
    if ((kind, text) in seen)
        return
    seen[kind, text] = 1
    nfound++
    found[nfound] = "[" kind "] " text
    ranks[nfound] = rank + 0
}

function size_of(head,    s) {
    s = head
    sub(/.* of size /, "", s)
    return s == "1" ? "1 byte" : s " bytes"
}

function access_error(head,    verb, bytes, addr, where, n, block, what) {
    verb = head ~ /^Invalid read/ ? "read" : "write"
    bytes = size_of(head)
    addr = aux_line("^ Address ")
    where = locate(2)
    if (addr ~ /block of size .* free.d$/) {
        add("use-after-free", "a " verb " of " bytes " from a block that was already freed\n" \
            "    at " where "\n" \
            "    freed at " locate(stack_after("free'd$")) "\n" \
            "    allocated at " locate(stack_after("^ Block was alloc'd at")) "\n" \
            "    Once a block is freed, no pointer into it may be used again (MEM30-C).")
        return
    }
    if (addr ~ / inside a recently re-allocated block of size .* alloc'd$/) {
        # Memcheck says "recently re-allocated" when the address lies in a
        # block that was freed a moment ago and in a live block that holds it:
        # a custom allocator's block (a pool's, given back with its
        # VALGRIND_MEMPOOL_FREE) inside the malloc'd slab it was cut from.
        add("use-after-free", "a " verb " of " bytes " from a block that was already given back to its pool\n" \
            "    at " where "\n" \
            "    (Valgrind names the slab it was cut from, allocated at " locate(stack_after("alloc'd$")) ")\n" \
            "    Once a block is given back, no pointer into it may be used again (MEM30-C).")
        return
    }
    if (addr ~ /alloc'd$/) {
        n = addr; sub(/^ Address 0x[0-9A-Fa-f]+ is /, "", n); sub(/ bytes? .*/, "", n)
        block = addr; sub(/.* block of size /, "", block); sub(/ alloc'd$/, "", block)
        if (addr ~ / after a block/)
            what = (n == "0" ? "just past the end" : n " bytes past the end")
        else if (addr ~ / before a block/)
            what = n " bytes before the start"
        else
            what = "running over the end"
        add("out-of-bounds", "a " verb " of " bytes ", " what " of a block of " block " bytes\n" \
            "    at " where "\n" \
            "    the block was allocated at " locate(stack_after("alloc'd$")) "\n" \
            "    A block of n elements has indexes 0 to n-1: check the bound and the size you allocated (ARR30-C).")
        return
    }
    if (addr ~ /Address 0x0 / || addr ~ /Address 0x[0-9a-fA-F]?[0-9a-fA-F]?[0-9a-fA-F]? /) {
        add("null-deref", "a " verb " of " bytes " through a NULL pointer\n" \
            "    at " where "\n" \
            "    A pointer that can be NULL (malloc, calloc, realloc, strdup and fopen return NULL on\n" \
            "    failure) was used without a check. Check every result before using it (ERR33-C, EXP34-C).")
        return
    }
    if (addr ~ /on thread [0-9]+'s stack/) {
        add("use-after-return", "a " verb " of " bytes " from a stack frame that no longer exists\n" \
            "    at " where "\n" \
            "    A pointer to a local variable outlived the function that owned it. Return heap memory\n" \
            "    (the caller frees it) or let the caller pass the storage in (DCL30-C).")
        return
    }
    add("invalid-access", "a " verb " of " bytes " at an address that belongs to no block\n" \
        "    at " where "\n" \
        "    The pointer is wild: never set, or computed wrongly (EXP33-C, ARR30-C).")
}

function free_error(head,    addr, n, block, where) {
    addr = aux_line("^ Address ")
    if (addr ~ /block of size .* free.d$/) {
        add("double-free", "a block was freed twice\n" \
            "    second free at " locate(2) "\n" \
            "    first free at " locate(stack_after("free'd$")) "\n" \
            "    allocated at " locate(stack_after("^ Block was alloc'd at")) "\n" \
            "    Free each block exactly once; after free(p), set p = NULL (MEM30-C).")
        return
    }
    if (addr ~ / inside a recently re-allocated block of size .* alloc'd$/) {
        add("double-free", "a block was given back to its pool twice\n" \
            "    second time at " locate(2) "\n" \
            "    (Valgrind names the slab it was cut from, allocated at " locate(stack_after("alloc'd$")) ")\n" \
            "    Give each block back exactly once (MEM30-C, MEM34-C).")
        return
    }
    if (addr ~ /alloc'd$/) {
        n = addr; sub(/^ Address 0x[0-9A-Fa-f]+ is /, "", n); sub(/ bytes? .*/, "", n)
        block = addr; sub(/.* block of size /, "", block); sub(/ alloc'd$/, "", block)
        where = addr ~ / before a block/ ? " bytes before" : addr ~ / after a block/ ? " bytes after" : " bytes inside"
        add("invalid-free", "free() was given a pointer " n where " a block of " block " bytes\n" \
            "    at " locate(2) "\n" \
            "    the block was allocated at " locate(stack_after("alloc'd$")) "\n" \
            "    Only the exact pointer an allocator returned may be released, and only by its own\n" \
            "    release function: a tracked or pooled block goes back to its own free (MEM34-C).")
        return
    }
    add("invalid-free", "free() was given memory that no malloc returned\n" \
        "    at " locate(2) "\n" \
        "    Free only what malloc, calloc, realloc or strdup returned (MEM34-C).")
}

function uninit_error(head,    what, origin, o) {
    if (head ~ /^Conditional jump/)
        what = "a decision (an if, a loop test, a ?:) was taken on uninitialised data"
    else if (head ~ /^Use of uninitialised/)
        what = "an uninitialised value was used to compute an address or to print"
    else
        what = "uninitialised bytes were written out (printed or saved)"
    origin = ""
    o = stack_after("^ Uninitialised value was created by a heap allocation")
    if (o > 0)
        origin = "\n    the memory was allocated at " locate(o) ", and nothing wrote it before this"
    o = stack_after("^ Uninitialised value was created by a stack allocation")
    if (o > 0)
        origin = "\n    the value is a local variable of " locate(o) ", never set before this"
    add("uninitialised", what "\n" \
        "    at " locate(2) origin "\n" \
        "    malloc and realloc's new tail hand you arbitrary bytes: write before you read, or use calloc (EXP33-C).")
}

function leak_record(head,    bytes, blocks, how, where, text, rank, direct, indirect) {
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
    rank = head ~ /definitely/ ? 2 : head ~ /indirectly/ ? 3 : head ~ /possibly/ ? 4 : 5
    if (indirect != "")
        how = how ";\n    the " bytes_word(indirect) " they alone pointed to were lost with them (indirectly lost)"
    text = bytes_word(bytes) " in " blocks_word(blocks) " " how "\n" \
        "    allocated at " where
    if (loc_alloc != "" && loc_alloc !~ /^(malloc|calloc|realloc)$/)
        text = text " (by " loc_alloc ")"
    add("leak", text "\n" \
        "    Every block needs exactly one free on every path out of its owner (MEM31-C).", rank)
}

function fd_record(head,    name) {
    if (crashed || nlines < 2 || !is_frame(lines[2]))
        return      # inherited from the parent, or the run died anyway
    name = head; sub(/^Open file descriptor [0-9]+: ?/, "", name)
    add("fd-leak", "a file was left open" (name == "" ? "" : ": " name) "\n" \
        "    opened at " locate(2) "\n" \
        "    Close every file you open on every path: fclose for fopen (FIO42-C).", 1)
}

function crash_record(head,    sig) {
    sig = head; sub(/.*signal /, "", sig)
    crashed = 1
    crash_signal = sig
    crash_where = locate(2)
    if (nfound > 0)
        found[nfound] = found[nfound] "\n    The program then died of signal " sig "."
}

function process_block(    head) {
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
    if (head ~ /^inject: call /) {
        injected = head
        sub(/^inject: /, "", injected)
        sub(/, made to fail$/, "", injected)
        injected_at = locate(2)
    } else if (head ~ /^Invalid (read|write) of size/) {
        access_error(head)
    } else if (head ~ /^Invalid free\(\)/) {
        free_error(head)
    } else if (head ~ /^Mismatched free/) {
        add("invalid-free", "a block was released with the wrong function\n" \
            "    at " locate(2) "\n" \
            "    Release every block with the function that matches its allocator (MEM34-C).")
    } else if (head ~ /^Open file descriptor [0-9]+/) {
        fd_record(head)
    } else if (head ~ /^(Conditional jump or move depends on uninitialised|Use of uninitialised value|Syscall param .* uninitialised byte)/) {
        uninit_error(head)
    } else if (head ~ /bytes in [0-9,]+ blocks? (are|is) (definitely lost|indirectly lost|possibly lost|still reachable)/) {
        leak_record(head)
    } else if (head ~ /^Process terminating with default action of signal/) {
        crash_record(head)
    } else if (nlines >= 2 && is_frame(lines[2]) && head !~ /^(HEAP|LEAK|ERROR) SUMMARY/) {
        add("memory-error", head "\n    at " locate(2))
    }
}

BEGIN {
    if (max == "")
        max = 3
}

{
    line = $0
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
    if (injected != "")
        print "When " injected " (at " injected_at ") was made to fail:"
    if (crashed && nfound == 0)
        add("crash", "the program was killed by signal " crash_signal "\n    at " crash_where)
    shown = 0
    for (r = 0; r <= 5; r++)
        for (i = 1; i <= nfound; i++)
            if (ranks[i] == r && shown < max) {
                if (shown++ > 0)
                    print ""
                print found[i]
            }
    if (nfound > max)
        print "\n(and " nfound - max " more problem" (nfound - max == 1 ? "" : "s") " in the full report)"
}
