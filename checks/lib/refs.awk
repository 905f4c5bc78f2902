# refs.awk: the line references of a lesson text, checked against the files
# they name. Run as
#   awk -f refs.awk -v text=README -v map="example.c=PATH exercise.c=PATH ..." README
# A reference must carry the function it lies in, in the workbook's words
# (`FILE.c:N, in FUNC()`) or Valgrind's (`FUNC (FILE.c:N)`), and line N of
# the file must lie inside FUNC's body, on a line that is not blank. A bare
# `FILE.c:N` or a "line N" in prose is reported: refer to code by its
# function's name instead. References to files that are not the workbook's
# own (Valgrind's vg_replace_malloc.c) are not checked. Prints one line per
# stale reference, "TEXT:LINE: what is wrong"; prints nothing when all hold.

function load(file,    path, n, line) {
    if (file in loaded) return loaded[file]
    path = paths[file]
    n = 0
    while ((getline line < path) > 0) src[file, ++n] = line
    close(path)
    lines[file] = n
    loaded[file] = n > 0
    return loaded[file]
}

# Is line n of file inside the body of function fn (from its head to the
# first "}" in column 1 after it), and not blank?
function inside(file, n, fn,    i, start) {
    for (i = 1; i <= lines[file]; i++) {
        if (start == 0 && src[file, i] ~ ("(^|[^A-Za-z0-9_])" fn "\\(") && src[file, i] ~ /^[A-Za-z_]/ && src[file, i] !~ /;[ \t]*$/)
            start = i
        else if (start && src[file, i] ~ /^}/) {
            if (n >= start && n <= i) return src[file, n] !~ /^[ \t]*$/
            start = 0
        }
    }
    return 0
}

function check(file, n, fn, what) {
    sub(/^.*\//, "", file)
    if (!(file in paths)) return                # not one of the workbook's files
    if (!load(file)) { printf "%s:%d: %s names %s, which cannot be read\n", text, FNR, what, paths[file]; return }
    if (!inside(file, n, fn))
        printf "%s:%d: %s: line %d of %s is not inside %s()\n", text, FNR, what, n, paths[file], fn
}

BEGIN {
    k = split(map, pairs, " ")
    for (i = 1; i <= k; i++) { split(pairs[i], kv, "="); paths[kv[1]] = kv[2] }
}

{
    rest = $0
    # the workbook's form: FILE.c:N, in FUNC()
    while (match(rest, /[A-Za-z0-9_.\/-]+\.c:[0-9]+, in [A-Za-z_][A-Za-z0-9_]*\(\)/)) {
        ref = substr(rest, RSTART, RLENGTH)
        rest = substr(rest, 1, RSTART - 1) " " substr(rest, RSTART + RLENGTH)
        split(ref, a, /[:,]/); fn = ref; sub(/.*, in /, "", fn); sub(/\(\)$/, "", fn)
        check(a[1], a[2] + 0, fn, "`" ref "`")
    }
    # Valgrind's form: FUNC (FILE.c:N)
    while (match(rest, /[A-Za-z_][A-Za-z0-9_]* \([A-Za-z0-9_.\/-]+\.c:[0-9]+\)/)) {
        ref = substr(rest, RSTART, RLENGTH)
        rest = substr(rest, 1, RSTART - 1) " " substr(rest, RSTART + RLENGTH)
        fn = ref; sub(/ \(.*/, "", fn)
        f = ref; sub(/.*\(/, "", f); sub(/\)$/, "", f); split(f, a, ":")
        check(a[1], a[2] + 0, fn, "`" ref "`")
    }
    while (match(rest, /[A-Za-z0-9_.\/-]+\.c:[0-9]+/)) {
        ref = substr(rest, RSTART, RLENGTH)
        rest = substr(rest, RSTART + RLENGTH)
        f = ref; sub(/:.*/, "", f); sub(/^.*\//, "", f)
        if (f in paths) printf "%s:%d: `%s` names no function: write `%s, in FUNC()`, or name the function instead\n", text, FNR, ref, ref
    }
    if (match(rest, /(^|[^A-Za-z])[Ll]ines? [0-9]+/))
        { ref = substr(rest, RSTART, RLENGTH); sub(/^[^Ll]/, "", ref); printf "%s:%d: \"%s\": a line number in prose goes stale; name the function instead\n", text, FNR, ref }
}
