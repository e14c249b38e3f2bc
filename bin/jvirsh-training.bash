# bin/jvirsh's training of a start-up cache (docs/jvirsh.md, "Installing"): sourced by the
# launcher only when a cache must be recorded, so that most commands never read it. Uses the
# launcher's variables: root, java, opts, jar, kind, cache_kind, jna_dir, drivers_file.
# shellcheck shell=bash disable=SC2154
training_partition=jvirsh-training

# training_conf DIR DRIVER: DRIVER.conf with the driver's state below DIR/DRIVER and its cgroups in
# the training's own partition (so that a training cut short can remove them), and a jvirt.conf
# that never sends the driver's URI to jvirtd
training_conf() {
    printf 'config_dir = "%s/%s/etc"\nstate_dir = "%s/%s/run"\nlog_dir = "%s/%s/log"\ncgroup_partition = "/%s"\n' \
        "$1" "$2" "$1" "$2" "$1" "$2" "$training_partition" > "$1/$2.conf"
    printf 'jvirtd = "never"\n' > "$1/jvirt.conf"
}

# untrained DIR ARGS...: jvirsh ARGS with DIR's configuration, in a JVM that records nothing
untrained() {
    env -u JVIRSH_SOURCES "JVIRT_CONF_DIR=$1" "$java" "${opts[@]}" -cp "$jar" org.jvirt.cli.Main "${@:2}" \
        </dev/null >/dev/null 2>&1
}

# one_shots URI LINE...: each command line a run of its own, as one-shots run them (the domain
# taken over from its status file); adds to the runs of the train calling it
one_shots() {
    local uri=$1 c
    shift
    for c in "$@"; do
        read -ra c <<< "$c"
        runs+=(--- -c "$uri" "${c[@]}")
    done
}

# one_domain_lines DRIVER COMMAND NAME: sets lines, the one-shot command lines that train the cache
# of COMMAND (qemu-one-COMMAND, lxc-one-COMMAND) on the domain NAME, or with COMMAND "" those of
# the cache all others share (qemu-one, lxc-one): every line of either driver's list. The
# launcher names the commands with lines here (where it sets cache_kind).
one_domain_lines() {
    local driver=$1 command=$2 n=$3 c
    # each command as users run it: plain, and with the options that take it down another path
    local all=("setvcpus $n 2 --live" "setvcpus $n 2 --config" "vcpucount $n" "vcpucount $n --live --active"
        "vcpucount $n --config --maximum" "vcpuinfo $n" "vcpuinfo $n --pretty" "vcpupin $n" "vcpupin $n 1 0 --live"
        "vcpupin $n 0 0 --config" "emulatorpin $n" "emulatorpin $n 0 --live" "iothreadinfo $n" "schedinfo $n"
        "schedinfo $n --live cpu_shares=1024" "numatune $n" "cpu-stats $n" "cpu-stats $n --total" "pincheck $n"
        "domstate $n" "domstate $n --reason" "domid $n" "domuuid $n" "dumpxml $n" "dumpxml $n --inactive"
        "dominfo $n" "-d 0 dominfo $n" "suspend $n" "resume $n" "destroy $n" "undefine $n")
    # containers: no hot-plug, pinning or I/O threads
    [ "$driver" = lxc ] && all=("dominfo $n" "-d 0 dominfo $n" "domstate $n" "domstate $n --reason" "domid $n"
        "domuuid $n" "vcpucount $n" "vcpucount $n --live --active" "schedinfo $n" "numatune $n" "cpu-stats $n"
        "cpu-stats $n --total" "dumpxml $n" "dumpxml $n --inactive" "suspend $n" "resume $n" "destroy $n"
        "undefine $n")
    lines=()
    case $command in
        "") lines=("${all[@]}") ;;
        resume) lines=("suspend $n" "resume $n") ;;     # resumed from paused, as users do
        undefine) lines=("destroy $n" "undefine $n") ;;  # an inactive domain's definition removed
        *) for c in "${all[@]}"; do
               [[ $c == "$command "* || $c == "-d 0 $command "* ]] && lines+=("$c")
           done ;;
    esac
    [ ${#lines[@]} -gt 0 ] || lines=("${all[@]}")    # a command the list lacks: all of them
}

# qemu_domain NAME: the XML of the trainings' QEMU domain (pinned, one of two vCPUs current)
qemu_domain() {
    printf '%s' "<domain type='qemu'><name>$1</name><memory unit='MiB'>64</memory>" \
        "<vcpu placement='static' cpuset='0' current='1'>2</vcpu>" \
        "<cputune><vcpupin vcpu='0' cpuset='0'/><emulatorpin cpuset='0'/></cputune>" \
        "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>"
}

# kill_qemu RUNDIR NAME: the QEMU of the trainings' domain NAME whose state is in RUNDIR, if it
# still runs (a training that failed halfway)
kill_qemu() {
    local qpid=""
    read -r qpid 2>/dev/null < "$1/$2.d/qemu.pid"
    if [ -n "$qpid" ] && [ -r "/proc/$qpid/cmdline" ] &&
        [[ $(tr '\0' ' ' < "/proc/$qpid/cmdline") == *"guest=$2"* ]] && kill -9 "$qpid" 2>/dev/null; then
        for _ in $(seq 100); do [ -d "/proc/$qpid" ] || break; sleep 0.05; done
    fi
}

train() {    # train JVM-OPTION...: the training run of $cache_kind with the recording options given
    local runs=() qemu="" lxc="" env=()
    # the trainings' directories: QEMU's monitor sockets lie up to 79 bytes below it (the
    # capabilities probe's), and the JDK connects to Unix socket paths of at most 106 bytes
    local tmp=${TMPDIR:-/tmp}
    (( ${#tmp} <= 27 )) || tmp=/tmp
    # the shell, the XML parser and the test driver; and a run that logs: SLF4J starts only with a
    # command's first record (a one-shot that logs nothing never starts it), and the cache keeps
    # its classes for the commands that do log (qemu-one, lxc-one and dominfo's: a run with -d 0)
    [[ $cache_kind == *-one* ]] || runs=(-c test:///default "help; help vcpupin; echo; uri; list --all; vcpupin test; emulatorpin test; vcpucount test; dominfo test; dumpxml test; setvcpus test 1 --live; vcpuinfo test"
        --- -d 0 -c test:///default uri)
    if [ "$EUID" = 0 ]; then
        command -v qemu-system-x86_64 >/dev/null 2>&1 && qemu=1
        command -v unshare >/dev/null 2>&1 && lxc=1
    fi
    [[ $kind == all && -n $qemu ]] && runs+=(--- -c qemu:///system "uri; list --all; nodeinfo")
    local qdir="" qname=""
    # qemu:///system also acts on a running domain of its own, with its state in a temporary
    # directory: started, then hot-plugged by a second connection (the one-shot's path: the monitor
    # attached, QMP, cgroups, affinity, the status file), then destroyed and undefined
    if [[ $cache_kind =~ ^qemu && -n $qemu ]] && qdir=$(mktemp -d "$tmp/jvirsh-training-q.XXXXXX"); then
        qname=jvirsh-training-$$
        training_conf "$qdir" qemu
        qemu_domain "$qname" > "$qdir/domain.xml"
        if [[ $cache_kind == qemu-one* ]]; then
            local lines command=""
            untrained "$qdir" -c qemu:///system "define $qdir/domain.xml; start $qname"
            [[ $cache_kind == qemu-one-* ]] && command=${cache_kind#qemu-one-}
            one_domain_lines qemu "$command" "$qname"
            one_shots qemu:///system "${lines[@]}"
        else
            runs+=(--- -c qemu:///system "uri; list --all; nodeinfo; define $qdir/domain.xml; start $qname"
                   --- -c qemu:///system "setvcpus $qname 2 --live"
                   --- -c qemu:///system "vcpucount $qname; vcpupin $qname; dominfo $qname; destroy $qname; undefine $qname")
        fi
        env=("JVIRT_CONF_DIR=$qdir")
    fi
    [[ $cache_kind =~ ^(lxc|all)$ && -n $lxc ]] && runs+=(--- -c lxc:///system "uri; list --all; nodeinfo")
    # lxc-one: one-domain commands on a container of its own (the host's root, sleep as init),
    # started by a JVM that records nothing, its state and cgroups kept apart as qemu's
    local ldir="" lname=""
    if [[ $cache_kind == lxc-one* && -n $lxc ]] && ldir=$(mktemp -d "$tmp/jvirsh-training-l.XXXXXX"); then
        lname=jvirsh-training-$$
        training_conf "$ldir" lxc
        printf '%s' "<domain type='lxc'><name>$lname</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>" \
            "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>exec sleep infinity</initarg></os>" \
            "</domain>" > "$ldir/domain.xml"
        local lines command=""
        untrained "$ldir" -c lxc:///system "define $ldir/domain.xml; start $lname"
        [[ $cache_kind == lxc-one-* ]] && command=${cache_kind#lxc-one-}
        one_domain_lines lxc "$command" "$lname"
        one_shots lxc:///system "${lines[@]}"
        env=("JVIRT_CONF_DIR=$ldir")
    fi
    # remote: jvirsh through a jvirtd of its own on a temporary socket (the test driver, and
    # qemu:///system sent there by jvirt.conf); remote-one: one-domain commands alone through it on
    # a QEMU domain it started, its state and cgroups kept apart as qemu's
    local djar="$root/daemon/target/jvirtd.jar" dir="" dpid="" rname=""
    if [[ $kind =~ ^(remote|all)$ ]] && [ -f "$djar" ] && dir=$(mktemp -d "$tmp/jvirsh-training.XXXXXX"); then
        local uris='"test:///default"'
        [ -n "$qemu" ] && uris+=', "qemu:///system"'
        printf 'uris = [ %s ]\nunix_sock_rw = "%s"\nunix_sock_ro = "%s"\npid_file = "%s"\n' \
            "$uris" "$dir/sock" "$dir/sock-ro" "$dir/jvirtd.pid" > "$dir/jvirtd.conf"
        training_conf "$dir" qemu
        printf 'jvirtd = "always"\njvirtd_socket = "%s"\njvirtd_socket_ro = "%s"\n' "$dir/sock" "$dir/sock-ro" \
            > "$dir/jvirt.conf"
        JVIRT_CONF_DIR="$dir" "$java" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$djar" \
            --config "$dir/jvirtd.conf" </dev/null >/dev/null 2>&1 &
        dpid=$!
        for _ in $(seq 200); do [ -S "$dir/sock" ] && break; sleep 0.05; done
        if [ -S "$dir/sock" ] && [[ $cache_kind == remote-one* ]]; then
            if [ -n "$qemu" ]; then
                local lines command=""
                rname=jvirsh-training-$$
                qemu_domain "$rname" > "$dir/domain.xml"
                untrained "$dir" -c qemu:///system "define $dir/domain.xml; start $rname"
                [[ $cache_kind == remote-one-* ]] && command=${cache_kind#remote-one-}
                one_domain_lines qemu "$command" "$rname"
                one_shots qemu:///system "${lines[@]}"
                env=("JVIRT_CONF_DIR=$dir")
            fi
        elif [ -S "$dir/sock" ]; then
            runs+=(--- -c "test+unix:///default?socket=$dir/sock"
                   "uri; list --all; dominfo test; setvcpus test 1 --live; vcpucount test; vcpupin test; dumpxml test")
            [ -n "$qemu" ] && runs+=(--- -c qemu:///system "uri; list --all") && env=("JVIRT_CONF_DIR=$dir")
        fi
    fi
    env "${env[@]}" "$java" "${opts[@]}" "-Djvirsh.jna.dir=$jna_dir" "-Djvirsh.drivers.file=$drivers_file" "$@" -cp "$jar" org.jvirt.cli.StartupTraining "${runs[@]}" \
        </dev/null >/dev/null 2>&1
    # remote-one's domain, if its command left it running, destroyed through jvirtd before it stops
    if [ -n "$rname" ] && [ -f "$dir/qemu/run/$rname.status.xml" ]; then
        untrained "$dir" -c qemu:///system "destroy $rname"
    fi
    if [ -n "$dpid" ]; then kill "$dpid" 2>/dev/null; wait "$dpid" 2>/dev/null; fi
    [ -n "$rname" ] && kill_qemu "$dir/qemu/run" "$rname"
    [ -n "$dir" ] && rm -rf "$dir"
    if [ -n "$qdir" ]; then    # a training that left its domain running (one command's), or failed halfway
        [ -f "$qdir/qemu/run/$qname.status.xml" ] && untrained "$qdir" -c qemu:///system "destroy $qname"
        kill_qemu "$qdir/qemu/run" "$qname"
        rm -rf "$qdir"
    fi
    if [ -n "$ldir" ]; then    # a training that failed halfway leaves no container behind
        [ -f "$ldir/lxc/run/$lname.status.xml" ] && untrained "$ldir" -c lxc:///system "destroy $lname"
        rm -rf "$ldir"
    fi
    if [ -n "$qdir$ldir$rname" ]; then
        # the training's cgroups: empty ones only (another training may be running)
        local g
        for g in /sys/fs/cgroup/*/"$training_partition" /sys/fs/cgroup/"$training_partition"; do
            [ -d "$g" ] && find "$g" -depth -type d -exec rmdir {} + 2>/dev/null
        done
    fi
}
