# exercise.awk: is an exercise a task, not a dictation? Compares the shipped
# exercise with its solution (and the lesson's example and hints):
#   awk -f exercise.awk -v min=10 SHIPPED SOLUTION EXAMPLE HINTS ADDED
# ADDED lists the solution's lines that diff finds added or changed against
# the shipped exercise, as "LINE:TEXT" (diff --new-line-format='%dn:%L').
# Prints one line per broken rule; the last line is always
# "added N code lines; K in hints" (measured, whatever the verdict).
# A code line is a line that is not blank, not a comment and not a lone brace.
# Rules: the solution adds or changes at least `min` code lines; no TODO
# comment of the shipped exercise contains one of them; the hints show at
# most a third of them verbatim; no function the solution changes has the
# body of a function of the example.

function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function is_code(s) {
    s = trim(s)
    return s != "" && s !~ /^(\/\*|\*|\/\/)/ && s !~ /^[{}];?$/ && s !~ /^} *(else *)?{?$/
}
function squash(s) { gsub(/[ \t]+/, "", s); return s }

# The functions of file f: head line -> body (squashed, head excluded).
function functions(f, n,    i, name, body, start) {
    for (i = 1; i <= n; i++) {
        line = text[f, i]
        if (!start && line ~ /^[A-Za-z_].*[A-Za-z0-9_]\(/ && line !~ /;[ \t]*$/ && line !~ /^(typedef|struct [A-Za-z_]+ *{|#)/) {
            start = i; body = ""
        } else if (start) {
            body = body squash(line) "\n"
            if (line ~ /^}/) { fstart[f, start] = i; fbody[f, start] = body; start = 0 }
        }
    }
}

FNR == 1 { file++ }
{ text[file, FNR] = $0; count[file] = FNR }

END {
    functions(2, count[2]); functions(3, count[3])
    # the code lines diff found added or changed, with where they stand
    for (i = 1; i <= count[5]; i++) {
        l = text[5, i]
        at = l; sub(/:.*/, "", at)
        sub(/^[0-9]+:/, "", l)
        if (!is_code(l)) continue
        added[++n] = trim(l); where[n] = at + 0
    }
    # TODO comments of the shipped exercise: from a line with TODO to the end of its comment
    for (i = 1; i <= count[1]; i++) {
        if (text[1, i] ~ /TODO/) intodo = 1
        if (intodo) todo = todo " " trim(text[1, i])
        if (text[1, i] ~ /\*\//) intodo = 0
    }
    for (i = 1; i <= count[4]; i++) hints = hints "\n" text[4, i]
    for (k = 1; k <= n; k++) {
        if (index(todo, added[k])) printf "a TODO comment of the exercise contains a line of the solution: %s\n", added[k]
        if (index(hints, added[k])) inhints++
    }
    if (n < min) printf "the solution adds or changes only %d code lines (at least %d: the learner must write real code)\n", n, min
    if (inhints * 3 > n) printf "the hints show %d of the solution's %d new code lines verbatim (at most a third)\n", inhints, n
    # changed functions against the example's
    for (k = 1; k <= n; k++)
        for (key in fstart) {
            split(key, p, SUBSEP)
            if (p[1] == 2 && where[k] > p[2] && where[k] <= fstart[key] && !(key in told)) {
                told[key] = 1
                for (e in fbody) {
                    split(e, q, SUBSEP)
                    if (q[1] == 3 && fbody[e] == fbody[key])
                        printf "%s is, but for its name, %s of the example\n", trim(text[2, p[2]]), trim(text[3, q[2]])
                }
            }
        }
    printf "added %d code lines; %d in hints\n", n, inhints + 0
}
