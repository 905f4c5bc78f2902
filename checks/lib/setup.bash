# setup.bash: the tools the workbook needs, how to install them, how the
# checks run Valgrind, and the builds' configuration (the compilers and flags
# every build depends on, and compile_commands.json for editors). Sourced by workbook (for `make`'s deps step) and by common.bash
# (for the words of a missing-tool diagnosis), so the install command is
# written in one place.

APT_INSTALL="apt-get install -y --no-install-recommends"

# How every check runs Valgrind: every leak of every kind is an error, with
# the origin of uninitialised bytes and the files left open.
VALGRIND_OPTIONS=(--leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
    --track-origins=yes --track-fds=yes --error-exitcode=99)

# The Debian packages behind the tools the workbook runs.
have_bats_lib() {
    local dir
    for dir in ${BATS_LIB_PATH:+${BATS_LIB_PATH//:/ }} /usr/lib/bats /usr/local/lib/bats /opt/homebrew/lib; do
        [[ -f $dir/$1/load.bash || -f $dir/$1/load ]] && return 0
    done
    return 1
}

# install_command PACKAGE...: the one command that installs them here, for
# this user: plain as root, with sudo where sudo exists, else through su.
install_command() {
    if [[ $(id -u) == 0 ]]; then
        echo "apt-get update && $APT_INSTALL $*"
    elif command -v sudo >/dev/null 2>&1; then
        echo "sudo apt-get update && sudo $APT_INSTALL $*"
    else
        echo "su -c 'apt-get update && $APT_INSTALL $*'"
    fi
}

# missing_packages MODE: the packages of the tools this machine lacks, one
# per line; MODE check adds what only `make check` runs.
missing_packages() {
    command -v "${CC:-gcc}" >/dev/null 2>&1 || echo gcc
    # the C library's headers: a Recommends of gcc, which --no-install-recommends leaves out
    [[ -f /usr/include/errno.h ]] || echo libc6-dev
    { command -v valgrind && [[ -f /usr/include/valgrind/memcheck.h ]]; } >/dev/null 2>&1 || echo valgrind
    command -v bats >/dev/null 2>&1 || echo bats
    have_bats_lib bats-support || echo bats-support
    have_bats_lib bats-assert || echo bats-assert
    command -v git >/dev/null 2>&1 || echo git
    if [[ $1 == check ]]; then
        command -v cppcheck >/dev/null 2>&1 || echo cppcheck
        command -v patch >/dev/null 2>&1 || echo patch
        command -v "${CLANG:-clang}" >/dev/null 2>&1 || echo clang
    fi
}

# deps [check]: installs what is missing, showing apt's progress one line a
# package, when it can (root, or sudo without a password); otherwise prints
# the command to run and stops.
cmd_deps() {
    local mode=${1:-all} missing sudo= log
    mapfile -t missing < <(missing_packages "$mode")
    if ((${#missing[@]} == 0)); then
        check_bats_version
        return
    fi
    echo "workbook: these are needed and not installed: ${missing[*]}"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "workbook: this is not a Debian or Ubuntu system: install ${missing[*]} with its package manager" >&2
        echo "(Valgrind needs Linux: on a Mac, use a Debian or Ubuntu virtual machine or container)." >&2
        exit 2
    fi
    if [[ $(id -u) != 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=sudo
        else
            echo "workbook: install them with this command, then run make again:" >&2
            echo "    $(install_command "${missing[@]}")" >&2
            exit 2
        fi
    fi
    echo "workbook: installing now (a first install takes a minute or two, and some 500 MB):"
    echo "    ${sudo:+sudo }apt-get update && ${sudo:+sudo }$APT_INSTALL ${missing[*]}"
    log=$(mktemp)
    # apt's own lines, one per package fetched and one per package set up.
    if ! { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo $APT_INSTALL -q "${missing[@]}"; } \
        </dev/null 2>&1 | tee "$log" | awk '
            /^(Hit|Get):[0-9]+ / && NF < 9 && !lists++ { print "    updating the package lists"; fflush(); next }
            /^Get:[0-9]+ / && NF >= 9 { printf "    fetching   %s %s\n", $5, $7; fflush(); next }
            /^Setting up / { printf "    setting up %s\n", $3; fflush() }'; then
        tail -n 15 "$log" >&2
        rm -f "$log"
        echo "workbook: the install failed (above). Run it yourself:" >&2
        echo "    $(install_command "${missing[@]}")" >&2
        exit 2
    fi
    rm -f "$log"
    echo "workbook: installed ${missing[*]}."
    check_bats_version
}

check_bats_version() {
    local v
    v=$(bats --version 2>/dev/null | awk '{ print $2 }')
    case $v in
        0.* | 1.[0-6] | 1.[0-6].*)
            echo "workbook: bats $v is too old (1.7 or newer is needed, for bats_load_library): see https://bats-core.readthedocs.io/en/stable/installation.html" >&2
            exit 2
            ;;
    esac
}

# config FILE: what every build depends on besides its source: the compilers
# as found now (path and version) and the flags make passes; FILE is
# rewritten only when that changes.
cmd_config() {
    local out=$1 c path
    mkdir -p "$(dirname "$out")"
    {
        for c in "${CC:-gcc}" "${CLANG:-clang}"; do
            if path=$(command -v "$c" 2>/dev/null); then
                echo "compiler $c: $path, $("$c" --version 2>/dev/null | head -n 1)"
            else
                echo "compiler $c: not installed"
            fi
        done
        printf 'WARNINGS=%s\nTEST_FLAGS=%s\nCFLAGS=%s\nLDFLAGS=%s\nLDLIBS=%s\n' \
            "${WARNINGS:-}" "${TEST_FLAGS:-}" "${CFLAGS:-}" "${LDFLAGS:-}" "${LDLIBS:-}"
    } >"$out.tmp"
    replace_if_changed "$out.tmp" "$out"
}

# json_string TEXT: TEXT as a JSON string.
json_string() {
    local t=${1//\\/\\\\}
    t=${t//\"/\\\"}
    printf '"%s"' "$t"
}

# compdb FILE: a compilation database (compile_commands.json) for clangd and
# editors: one entry per C file of the workbook, with the test build's flags.
cmd_compdb() {
    local out=$1 f sep= arg
    local -a args
    {
        echo "["
        for f in lessons/*/*.c solutions/*.c checks/lib/*.c checks/harness/*.c; do
            [[ -f $f ]] || continue
            # shellcheck disable=SC2206 # the flags are words, as make passes them
            args=("${CC:-gcc}" $WARNINGS $TEST_FLAGS $CFLAGS -c "$f" -o /dev/null)
            printf '%s  {"directory": %s, "file": %s, "arguments": [' "$sep" "$(json_string "$ROOT")" "$(json_string "$f")"
            local first=1
            for arg in "${args[@]}"; do
                ((first)) || printf ', '
                first=0
                json_string "$arg"
            done
            printf ']}'
            sep=$',\n'
        done
        printf '\n]\n'
    } >"$out.tmp"
    replace_if_changed "$out.tmp" "$out"
}
