# render.awk: findings in plain words, for the learner. Reads kinds.tsv,
# then records (see diagnose.awk; common.bash adds "context", "log" and
# "rerun" to them):
#
#   awk -f render.awk kinds.tsv FINDINGS
#
# Each record becomes a paragraph: "[kind] what", its further lines, its
# places, its notes, and its advice (the kind's own from kinds.tsv, unless
# the record brings one) with its rule. A context line opens the findings it
# belongs to; a record's log and rerun command close its group.

function wrap(text, indent,    out, word, n, i, w, width) {
    width = 100
    n = split(text, w, " ")
    out = indent
    for (i = 1; i <= n; i++) {
        if (length(out) + length(w[i]) + 1 > width && out != indent) {
            print out
            out = indent
        }
        out = out (out == indent ? "" : " ") w[i]
    }
    if (out != indent)
        print out
}

function footer() {
    if (log_path != "" || rerun != "") {
        print ""
        if (log_path != "") print "Full Valgrind report: " log_path
        if (rerun != "") print "Run it yourself:      " rerun
    }
    log_path = ""; rerun = ""
}

function emit(    i, a, rule, adv) {
    if (kind == "") return
    if (context != "" && context != shown_context) {
        if (printed) print ""
        print context
        shown_context = context
    } else if (printed)
        print ""
    printed++
    print "[" kind "] " what
    for (i = 1; i <= nmore; i++) print "    " more[i]
    for (i = 1; i <= nplace; i++) print "    " place[i]
    for (i = 1; i <= nnote; i++) print "    " note[i]
    adv = advice != "" ? advice : table_advice[kind]
    rule = table_rule[kind]
    if (adv != "") {
        if (rule != "" && rule != "-") {
            sub(/\.$/, "", adv)
            adv = adv " (" rule ")."
        }
        wrap(adv, "    ")
    }
    if (rest != "") {
        print ""
        print "(and " rest " more problem" (rest == 1 ? "" : "s") " in the full report)"
        rest = ""
    }
    if (rec_log != "" || rec_rerun != "") {
        if (rec_log != log_path || rec_rerun != rerun) { log_path = rec_log; rerun = rec_rerun }
    }
    kind = ""; what = ""; nmore = 0; nplace = 0; nnote = 0; advice = ""; context_next = ""
    rec_log = ""; rec_rerun = ""
}

BEGIN { FS = "\t" }

FNR == NR {
    if ($0 !~ /^#/ && $1 != "kind") { table_rule[$1] = $3; table_advice[$1] = $4 }
    next
}

/^$/ { emit(); next }
$1 == "context" {
    # a context that comes before its records (diagnose.awk's) or inside one
    if (kind == "") { if ($2 != context) footer(); context = $2 } else context = $2
    next
}
$1 == "kind" {
    emit()
    kind = $2
    next
}
$1 == "what" { what = $2; next }
$1 == "more" { more[++nmore] = $2; next }
$1 == "place" { place[++nplace] = $2 " " $3; next }
$1 == "note" { note[++nnote] = $2; next }
$1 == "advice" { advice = $2; next }
$1 == "log" { rec_log = $2; next }
$1 == "rerun" { rec_rerun = $2; next }
$1 == "rest" { rest = $2; next }

END { emit(); footer() }
