#!/usr/bin/env bash
# The real servers driver-remote's tests and benchmarks talk to, all on this machine:
#   libvirtd   Unix sockets (/var/run/libvirt/libvirt-sock, -sock-ro), TCP 127.0.0.1:16509 (SASL DIGEST-MD5 with a security layer),
#              TLS 127.0.0.1:16514 (client certificates from a CA made here, then SASL PLAIN);
#              the read-only socket asks for SASL (DIGEST-MD5 or PLAIN, user jvirt)
#   sshd       127.0.0.1:2222, root with a key made here (known_hosts made here too)
#   python3-libvirt and netcat-openbsd, for the benchmark peer and the ssh proxy=netcat path
#
#   .ci/remote-peers.sh start DIR   installs what is missing, writes DIR (certificates, keys,
#                                   configuration, DIR/env for the tests) and starts the servers
#   .ci/remote-peers.sh stop DIR    stops what start started (by the pid files in DIR)
#
# Needs root (libvirtd's system instance). The tests read DIR from JVIRT_REMOTE_PEERS.
set -euo pipefail
cmd="${1:?usage: remote-peers.sh start|stop DIR}"
dir="${2:?usage: remote-peers.sh start|stop DIR}"
SASL_PASSWORD="jvirt-sasl-secret"

stop() {
  for p in sshd libvirtd virtlogd; do
    if [ -f "$dir/$p.pid" ]; then
      pid="$(cat "$dir/$p.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/$p.pid"
    fi
  done
}

install() {
  local need=()
  command -v libvirtd >/dev/null || need+=(libvirt-daemon libvirt-daemon-driver-qemu)
  command -v virsh >/dev/null || need+=(libvirt-clients)
  command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
  command -v sshd >/dev/null || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  command -v nc >/dev/null || need+=(netcat-openbsd)
  command -v openssl >/dev/null || need+=(openssl)
  command -v saslpasswd2 >/dev/null || need+=(sasl2-bin)
  [ -e /usr/lib/x86_64-linux-gnu/sasl2/libplain.so ] || need+=(libsasl2-modules)
  [ -e /usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so ] || need+=(libsasl2-modules-db)
  /usr/bin/python3 -c 'import libvirt' 2>/dev/null || need+=(python3-libvirt)
  if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
}

pki() {
  local p="$dir/pki"
  mkdir -p "$p"
  [ -f "$p/cacert.pem" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/O=jvirt tests/CN=jvirt test CA" \
    -keyout "$p/cakey.pem" -out "$p/cacert.pem" 2>/dev/null
  # the server's certificate names 127.0.0.1 and localhost; the client's is any name the CA signed
  openssl req -newkey rsa:2048 -nodes -subj "/O=jvirt tests/CN=localhost" \
    -keyout "$p/serverkey.pem" -out "$p/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$p/server.ext"
  openssl x509 -req -in "$p/server.csr" -CA "$p/cacert.pem" -CAkey "$p/cakey.pem" -CAcreateserial \
    -days 3650 -extfile "$p/server.ext" -out "$p/servercert.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=jvirt tests/CN=jvirt-client" \
    -keyout "$p/clientkey.pem" -out "$p/client.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$p/client.ext"
  openssl x509 -req -in "$p/client.csr" -CA "$p/cacert.pem" -CAkey "$p/cakey.pem" -CAcreateserial \
    -days 3650 -extfile "$p/client.ext" -out "$p/clientcert.pem" 2>/dev/null
  chmod 600 "$p"/*key.pem
}

libvirt() {
  getent group kvm >/dev/null || groupadd -r kvm
  getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
  id libvirt-qemu >/dev/null 2>&1 || useradd -r -g libvirt-qemu -G kvm libvirt-qemu
  mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt /etc/libvirt
  # QEMU as root without a security driver: the machines here have no AppArmor/SELinux labels
  grep -q '^user = "root"' /etc/libvirt/qemu.conf 2>/dev/null ||
    printf 'user = "root"\ngroup = "root"\ndynamic_ownership = 0\nsecurity_driver = "none"\n' >>/etc/libvirt/qemu.conf
  mkdir -p "$dir/sasl2"
  printf 'mech_list: digest-md5 plain\nsasldb_path: %s\n' "$dir/sasl2/passwd.db" >"$dir/sasl2/libvirt.conf"
  echo "$SASL_PASSWORD" | saslpasswd2 -p -a libvirt -f "$dir/sasl2/passwd.db" -c jvirt
  cat >"$dir/libvirtd.conf" <<EOF
listen_tls = 1
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "16509"
tls_port = "16514"
auth_tcp = "sasl"
auth_tls = "sasl"
auth_unix_rw = "none"
auth_unix_ro = "sasl"
unix_sock_ro_perms = "0777"
key_file = "$dir/pki/serverkey.pem"
cert_file = "$dir/pki/servercert.pem"
ca_file = "$dir/pki/cacert.pem"
tls_no_verify_certificate = 0
keepalive_interval = 5
keepalive_count = 5
EOF
  if ! pgrep -x virtlogd >/dev/null; then
    (cd / && virtlogd -d -p "$dir/virtlogd.pid")
  fi
  if pgrep -x libvirtd >/dev/null; then
    echo "remote-peers: a libvirtd not started by this script runs already (pid $(pgrep -x libvirtd | tr '\n' ' ')):" \
      "stop it first" >&2
    return 1
  fi
  # room for the benchmark's 1,000 connections: as many open files as the hard limit allows (at most 65536)
  local files
  files=$(ulimit -Hn)
  [ "$files" = unlimited ] || [ "$files" -gt 65536 ] && files=65536
  (cd / && ulimit -n "$files" && SASL_CONF_PATH="$dir/sasl2" libvirtd -d -l -f "$dir/libvirtd.conf" -p "$dir/libvirtd.pid")
  for _ in $(seq 100); do
    virsh -c qemu:///system version >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "remote-peers: libvirtd did not answer on /var/run/libvirt/libvirt-sock" >&2
  return 1
}

ssh_server() {
  local s="$dir/ssh"
  mkdir -p "$s" /run/sshd
  chmod 700 "$s"
  [ -f "$s/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$s/host_ed25519"
  [ -f "$s/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$s/id_ed25519"
  cp "$s/id_ed25519.pub" "$s/authorized_keys"
  chmod 600 "$s/authorized_keys"
  echo "[127.0.0.1]:2222 $(cut -d' ' -f1,2 "$s/host_ed25519.pub")" >"$s/known_hosts"
  echo "[localhost]:2222 $(cut -d' ' -f1,2 "$s/host_ed25519.pub")" >>"$s/known_hosts"
  cat >"$s/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port 2222
HostKey $s/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $s/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
EOF
  /usr/sbin/sshd -f "$s/sshd_config"
  for _ in $(seq 50); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    install
    pki
    libvirt
    ssh_server
    cat >"$dir/env" <<EOF
pki=$dir/pki
ssh_key=$dir/ssh/id_ed25519
ssh_known_hosts=$dir/ssh/known_hosts
ssh_port=2222
sasl_user=jvirt
sasl_password=$SASL_PASSWORD
EOF
    echo "remote-peers: libvirtd (unix, tcp 16509, tls 16514) and sshd (2222) up; settings in $dir/env"
    ;;
  stop)
    [ -d "$dir" ] && dir="$(cd "$dir" && pwd)" && stop
    ;;
  *)
    echo "usage: remote-peers.sh start|stop DIR" >&2
    exit 2
    ;;
esac
