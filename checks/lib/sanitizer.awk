# sanitizer.awk: the first report of AddressSanitizer, LeakSanitizer or
# UBSan as a finding (a record, as diagnose.awk writes them), its kind from
# the sanitizer column of kinds.tsv:
#
#   awk -v src=exercise.c -v path=lessons/NN/exercise.c -v report=FILE \
#       -f sanitizer.awk kinds.tsv REPORT

BEGIN { FS = "\t" }
FNR == NR {
    if ($0 !~ /^#/ && $1 != "kind" && $5 != "-") { nk++; kname[nk] = $1; kre[nk] = $5 }
    next
}
{ FS = " "; $0 = $0 }
what == "" && /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/ {
    what = $0
    sub(/^==[0-9]+==ERROR: /, "", what)
    sub(/ on address 0x[0-9a-f]+.*/, "", what)
    if ($0 ~ /runtime error:/) {
        loc = $1; sub(/:[0-9]+:$/, "", loc); sub(/.*\//, "", loc)
        where = loc; sub(/^[^:]*:/, "", where)
        if (loc ~ "^" src ":") at = path ":" where
    }
}
/^SUMMARY:/ && summary == "" { summary = $0 }
/Hint: address points to the zero page/ { zero = 1 }
at == "" && / #[0-9]+ 0x[0-9a-f]+ in / {
    split($NF, parts, ":")
    file = parts[1]; sub(/.*\//, "", file)
    line = parts[2]
    if (file == src) at = path ":" line ", in " $4 "()"
}
END {
    if (what == "") exit
    kind = "memory-error"
    if (zero && what ~ /SEGV/) kind = "null-deref"
    else
        for (i = 1; i <= nk; i++)
            if (what ~ kre[i]) { kind = kname[i]; break }
    sub(/ on unknown address.*/, " on a bad address", what)
    printf "kind\t%s\nwhat\t%s\nplace\tat\t%s\n", kind, what, (at == "" ? "a place outside " path : at)
    if (summary != "") printf "note\t%s\n", summary
    printf "note\tSanitizer report: %s\nsource\tsanitizer\n\n", report
}
