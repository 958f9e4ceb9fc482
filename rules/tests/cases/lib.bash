# Helpers for the corpus cases (sourced by every case script; see ../README.md).
#
# A case script defines run (recorded) and, when it needs them, setup and teardown (not recorded),
# then ends with `main "$@"`. The recorder copies the script and this file into an empty work
# directory, /tmp/lanner-corpus/CASE, and calls `CASE.sh setup` there, then `env -i PATH=... HOME=WORK
# bash CASE.sh run` while capturing (only that process tree is kept), then `CASE.sh teardown`.

# The same programs in every phase, whatever the recorder's environment.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The container of the container cases: a cgroup named like those docker creates (/docker/<64 hex
# digits>), so the state derives container.id (the first 12 digits) from the processes' cgroups.
CONTAINER_ID=1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899

# The test network: a namespace joined to the host by a veth pair. 198.51.100.0/24 (TEST-NET-2,
# never routed) on both sides: HOST_IP on the host, PEER_IP and PEER_IP2 inside. Inside, the
# namespace's loopback also carries addresses that have a meaning elsewhere (the cloud metadata
# service, a Kubernetes API server); cases reach those by running their client inside the namespace
# (nsenter), so the host's own routes are never touched.
NETNS=lnrtest
HOST_IP=198.51.100.1
PEER_IP=198.51.100.2
PEER_IP2=198.51.100.3
METADATA_IP=169.254.169.254
K8S_API_IP=10.96.0.1

setup() { :; }
teardown() { :; }

main() {
    case "$1" in
        setup) setup ;;
        run) run ;;
        teardown) teardown ;;
        *) echo "usage: $0 setup|run|teardown" >&2; exit 2 ;;
    esac
}

# Fails with the Debian package to install when a program is missing.
need() {
    local prog=$1 pkg=$2
    if ! command -v "$prog" > /dev/null; then
        echo "this case needs $prog (apt-get install $pkg)" >&2
        exit 1
    fi
}

# The cgroup directory of the test container: in the cgroup v1 "cpu" hierarchy (one of those the
# driver reports, as Falco's drivers do: cpuset, cpu, cpuacct, io/blkio, memory), or the v2 root.
container_cgroup() {
    if [ -d /sys/fs/cgroup/cpu ]; then
        echo /sys/fs/cgroup/cpu/docker/$CONTAINER_ID
    else
        echo /sys/fs/cgroup/docker/$CONTAINER_ID
    fi
}

container_setup() {
    mkdir -p "$(container_cgroup)"
}

container_teardown() {
    local cg
    cg=$(container_cgroup)
    if [ -d "$cg" ]; then rmdir "$cg"; fi
    rmdir "$(dirname "$cg")" 2> /dev/null
    return 0
}

# Moves the calling shell into the test container: every process it starts from now on is in it.
enter_container() {
    echo $BASHPID > "$(container_cgroup)/cgroup.procs"
}

# Creates the test network and starts its peer (outside the recorded tree), which
#   --tcp P1,P2,...   accepts TCP connections on these ports and closes them at once
#   --udp P1,...      receives datagrams on these ports
#   --connect PORT    connects to HOST_IP:PORT again and again (a client for inbound cases)
#   --source IP       ... from this address of the namespace (PEER_IP by default)
netns_setup() {
    netns_teardown
    ip netns add $NETNS
    ip link add lnr0 type veth peer name lnr1
    ip link set lnr1 netns $NETNS
    ip addr add $HOST_IP/24 dev lnr0
    ip link set lnr0 up
    ip netns exec $NETNS ip addr add $PEER_IP/24 dev lnr1
    ip netns exec $NETNS ip addr add $PEER_IP2/24 dev lnr1
    ip netns exec $NETNS ip link set lnr1 up
    ip netns exec $NETNS ip link set lo up
    ip netns exec $NETNS ip addr add $METADATA_IP/32 dev lo
    ip netns exec $NETNS ip addr add $K8S_API_IP/32 dev lo
    ip netns exec $NETNS python3 -c "$NETPEER" "$HOST_IP" "$@" > /dev/null 2>&1 < /dev/null &
    echo $! > /tmp/lanner-corpus-netpeer.pid
    local i
    for i in $(seq 100); do
        if [ -e /tmp/lanner-corpus-netpeer.ready ]; then return 0; fi
        sleep 0.05
    done
    echo "the test peer did not start" >&2
    return 1
}

netns_teardown() {
    if [ -f /tmp/lanner-corpus-netpeer.pid ]; then
        kill "$(cat /tmp/lanner-corpus-netpeer.pid)" 2> /dev/null
        rm -f /tmp/lanner-corpus-netpeer.pid
    fi
    rm -f /tmp/lanner-corpus-netpeer.ready
    ip link del lnr0 2> /dev/null
    ip netns del $NETNS 2> /dev/null
    return 0
}

NETPEER='
import socket, sys, threading, time
host = sys.argv[1]
args = sys.argv[2:]
tcp, udp, connect, source = [], [], None, "0.0.0.0"
while args:
    opt, val = args[0], args[1]; args = args[2:]
    if opt == "--tcp": tcp = [int(p) for p in val.split(",")]
    elif opt == "--udp": udp = [int(p) for p in val.split(",")]
    elif opt == "--connect": connect = int(val)
    elif opt == "--source": source = val
def serve_tcp(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.listen(64); ready.release()
    while True:
        c, _ = s.accept(); c.close()
def serve_udp(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", port)); ready.release()
    while True: s.recvfrom(2048)
def client(port):
    ready.release()
    while True:
        try:
            c = socket.create_connection((host, port), timeout=0.5, source_address=(source, 0)); c.close()
        except OSError:
            pass
        time.sleep(0.05)
ready = threading.Semaphore(0)
jobs = [(serve_tcp, p) for p in tcp] + [(serve_udp, p) for p in udp] + ([(client, connect)] if connect else [])
for f, p in jobs:
    threading.Thread(target=f, args=(p,), daemon=True).start()
for _ in jobs: ready.acquire()
open("/tmp/lanner-corpus-netpeer.ready", "w").close()
while True: time.sleep(3600)
'

# Runs a command inside the test network namespace (for the addresses on its loopback).
in_netns() {
    nsenter --net=/run/netns/$NETNS "$@"
}

# A copy of a program under another name, for cases whose rules look at the program's name (a web
# server starting a shell, a database server starting a program…): $1 the program, $2 the name.
# The copy goes into the current directory.
named_copy() {
    cp "$(type -P "$1")" "./$2"
}

# Runs a command as the service account daemon (uid 1), without supplementary groups.
as_daemon() {
    setpriv --reuid=1 --regid=1 --clear-groups "$@"
}
