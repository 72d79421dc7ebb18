#!/usr/bin/env bash
# A one-org Hyperledger Fabric 2.5.9 network on loopback for the Fabric tests (docs/fabric.md): one
# etcdraft orderer and one peer, both with TLS, one channel, chaincode run as a service (ccaas).
# The binaries are built from the Go module proxy at one exact version and cached per version.
#   network.sh build                 build peer, orderer and tools unless cached; print their directory
#   network.sh up                    crypto, orderer + peer, channel; writes $FABRIC_HOME/network.env
#   network.sh package-id NAME ADDR  package chaincode NAME served at ADDR (host:port); print its id
#   network.sh deploy-cc NAME ADDR   package, install, approve and commit it (start its server first,
#                                    with CORE_CHAINCODE_ID_NAME set to the package id)
#   network.sh peer ARGS...          the peer CLI as the org's admin, e.g. peer chaincode query -C camelot ...
#   network.sh status                say whether the orderer and the peer answer
#   network.sh restart-peer [kill]   stop the peer (SIGTERM, or SIGKILL with kill) and start it again on
#                                    its ledger; returns once it answers
#   network.sh restart-orderer [kill]  the same for the orderer; returns once raft has a leader
#   network.sh down                  stop both (pid files) and remove $FABRIC_HOME
# Environment: FABRIC_HOME (all state; default target/fabric), FABRIC_CHANNEL (default camelot),
# FABRIC_PORT_BASE (first of 6 consecutive ports; default: free ports from 20000 up).
set -euo pipefail
version=2.5.9
# The proxy serves no version lists and Fabric's v2 tags are not module versions: the release-2.5
# branch at exactly this pseudo-version (its Makefile says 2.5.9).
module=github.com/hyperledger/fabric@v0.0.0-20240618194258-7c3876255bf0
bin="${XDG_CACHE_HOME:-$HOME/.cache}/camelot/fabric-$version"
home="${FABRIC_HOME:-target/fabric}"
channel="${FABRIC_CHANNEL:-camelot}"
orgs=camelot.local

die() {
  echo "network.sh: $*" >&2
  exit 1
}

build() {
  local tool
  for tool in peer orderer configtxgen cryptogen osnadmin config/core.yaml; do
    [ -e "$bin/$tool" ] || break
  done
  [ -e "$bin/$tool" ] && return
  command -v go >/dev/null || die "build needs Go (https://go.dev/doc/install)"
  echo "network.sh: building Fabric $version (takes minutes)..." >&2
  mkdir -p "$bin/config"
  # A subshell, so the clean-up trap ends with it.
  (
    tmp="$(mktemp -d "$bin.build.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    src="$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    cp -r "$src" "$tmp/fabric"
    chmod -R u+w "$tmp/fabric"
    # The module zip keeps only vendor/modules.txt, so -mod=vendor cannot work.
    rm -rf "$tmp/fabric/vendor"
    cd "$tmp/fabric"
    GOFLAGS=-mod=mod go build -o "$tmp/out/" \
      -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=$version" \
      ./cmd/peer ./cmd/orderer ./cmd/configtxgen ./cmd/cryptogen ./cmd/osnadmin
    cp sampleconfig/core.yaml sampleconfig/orderer.yaml "$bin/config/"
    mv "$tmp"/out/* "$bin/"
  )
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Six consecutive free ports: orderer, orderer admin, orderer operations, peer, peer chaincode, peer
# operations.
choose_ports() {
  local base="${FABRIC_PORT_BASE:-}" p
  if [ -z "$base" ]; then
    base=$((20000 + (RANDOM % 2000) * 6))
    while :; do
      for p in 0 1 2 3 4 5; do port_free $((base + p)) || break; done
      port_free $((base + p)) && break
      base=$((base + 6))
    done
  fi
  orderer_port=$base admin_port=$((base + 1)) orderer_ops=$((base + 2))
  peer_port=$((base + 3)) peer_cc_port=$((base + 4)) peer_ops=$((base + 5))
}

crypto() {
  cat >"$home/crypto-config.yaml" <<YAML
OrdererOrgs:
  - Name: Orderer
    Domain: $orgs
    EnableNodeOUs: true
    Specs:
      - Hostname: orderer
        SANS: [localhost, 127.0.0.1]
PeerOrgs:
  - Name: Org1
    Domain: org1.$orgs
    EnableNodeOUs: true
    Template:
      Count: 1
      SANS: [localhost, 127.0.0.1]
    Users:
      Count: 1
YAML
  "$bin/cryptogen" generate --config="$home/crypto-config.yaml" --output="$home/crypto" >/dev/null
}

# The channel's genesis block: etcdraft with one consenter, no system channel, NodeOU policies.
genesis() {
  local ord="$home/crypto/ordererOrganizations/$orgs" peer="$home/crypto/peerOrganizations/org1.$orgs"
  cat >"$home/configtx.yaml" <<YAML
Organizations:
  - &OrdererOrg
    Name: OrdererOrg
    ID: OrdererMSP
    MSPDir: $ord/msp
    OrdererEndpoints: [127.0.0.1:$orderer_port]
    Policies:
      Readers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
      Writers: {Type: Signature, Rule: "OR('OrdererMSP.member')"}
      Admins: {Type: Signature, Rule: "OR('OrdererMSP.admin')"}
  - &Org1
    Name: Org1MSP
    ID: Org1MSP
    MSPDir: $peer/msp
    Policies:
      Readers: {Type: Signature, Rule: "OR('Org1MSP.admin', 'Org1MSP.peer', 'Org1MSP.client')"}
      Writers: {Type: Signature, Rule: "OR('Org1MSP.admin', 'Org1MSP.client')"}
      Admins: {Type: Signature, Rule: "OR('Org1MSP.admin')"}
      Endorsement: {Type: Signature, Rule: "OR('Org1MSP.peer')"}
Profiles:
  Camelot:
    Policies: &ImplicitMeta
      Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
      Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
      Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
    Capabilities: {V2_0: true}
    Orderer:
      OrdererType: etcdraft
      BatchTimeout: 100ms
      BatchSize: {MaxMessageCount: 10, AbsoluteMaxBytes: 99 MB, PreferredMaxBytes: 512 KB}
      EtcdRaft:
        Consenters:
          - Host: 127.0.0.1
            Port: $orderer_port
            ClientTLSCert: $ord/orderers/orderer.$orgs/tls/server.crt
            ServerTLSCert: $ord/orderers/orderer.$orgs/tls/server.crt
        Options: {TickInterval: 100ms, ElectionTick: 10, HeartbeatTick: 1, MaxInflightBlocks: 5, SnapshotIntervalSize: 16 MB}
      Organizations: [*OrdererOrg]
      Policies:
        <<: *ImplicitMeta
        BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
      Capabilities: {V2_0: true}
    Application:
      Organizations: [*Org1]
      Policies:
        <<: *ImplicitMeta
        LifecycleEndorsement: {Type: ImplicitMeta, Rule: "MAJORITY Endorsement"}
        Endorsement: {Type: ImplicitMeta, Rule: "MAJORITY Endorsement"}
      Capabilities: {V2_5: true}
YAML
  "$bin/configtxgen" -configPath "$home" -profile Camelot -channelID "$channel" \
    -outputBlock "$home/$channel.block" 2>>"$home/configtxgen.log"
}

# The ccaas builder: the package's code (unpacked by the peer) is only connection.json, which it dials.
ccaas_builder() {
  mkdir -p "$home/ccaas/bin"
  cat >"$home/ccaas/bin/detect" <<'SH'
#!/bin/sh
grep -q '"type" *: *"ccaas"' "$2/metadata.json"
SH
  cat >"$home/ccaas/bin/build" <<'SH'
#!/bin/sh
set -e
cp "$1/connection.json" "$3/"
SH
  cat >"$home/ccaas/bin/release" <<'SH'
#!/bin/sh
set -e
mkdir -p "$2/chaincode/server"
cp "$1/connection.json" "$2/chaincode/server/"
SH
  chmod +x "$home/ccaas/bin/"*
}

# GET /healthz on an operations port answers 200 (plain bash: no curl needed).
healthy() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    read -r _ code _ <&3
    [ "$code" = 200 ]
  ) 2>/dev/null
}

listening() {
  local port
  for port in "$@"; do
    port_free "$port" && return 1
  done
  return 0
}

# /healthz answers before the other listeners accept, so wait for those too.
wait_ready() {
  local name="$1" ops="$2" i
  shift 2
  for i in $(seq 1 100); do
    healthy "$ops" && listening "$@" && return
    sleep 0.1
  done
  die "$name not ready after 10 s, see $home/$name.log"
}

start_orderer() {
  local tls="$home/crypto/ordererOrganizations/$orgs/orderers/orderer.$orgs/tls"
  mkdir -p "$home/orderer"
  FABRIC_CFG_PATH="$bin/config" \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 ORDERER_GENERAL_LISTENPORT="$orderer_port" \
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
    ORDERER_GENERAL_LOCALMSPDIR="$home/crypto/ordererOrganizations/$orgs/orderers/orderer.$orgs/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true ORDERER_GENERAL_TLS_PRIVATEKEY="$tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$tls/server.crt" ORDERER_GENERAL_TLS_ROOTCAS="[$tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$tls/server.key" ORDERER_GENERAL_CLUSTER_ROOTCAS="[$tls/ca.crt]" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$admin_port" ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$tls/server.key" ORDERER_ADMIN_TLS_CERTIFICATE="$tls/server.crt" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$tls/ca.crt]" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$orderer_ops" ORDERER_METRICS_PROVIDER=disabled \
    ORDERER_FILELEDGER_LOCATION="$home/orderer/ledger" ORDERER_CONSENSUS_WALDIR="$home/orderer/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$home/orderer/snap" \
    nohup "$bin/orderer" >"$home/orderer.log" 2>&1 &
  echo $! >"$home/orderer.pid"
}

start_peer() {
  local node="$home/crypto/peerOrganizations/org1.$orgs/peers/peer0.org1.$orgs"
  mkdir -p "$home/peer/config"
  # An empty vm.endpoint (no Docker) keeps /healthz at 200; an environment variable cannot be empty.
  sed 's|endpoint: unix:///var/run/docker.sock|endpoint: ""|' "$bin/config/core.yaml" >"$home/peer/config/core.yaml"
  FABRIC_CFG_PATH="$home/peer/config" \
    CORE_PEER_ID=peer0 CORE_PEER_ADDRESS="127.0.0.1:$peer_port" CORE_PEER_LISTENADDRESS="127.0.0.1:$peer_port" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$peer_cc_port" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$peer_port" CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$peer_port" \
    CORE_PEER_LOCALMSPID=Org1MSP CORE_PEER_MSPCONFIGPATH="$node/msp" \
    CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$node/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$node/tls/server.key" CORE_PEER_TLS_ROOTCERT_FILE="$node/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$home/peer/data" CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$peer_ops" \
    CORE_METRICS_PROVIDER=disabled CORE_CHAINCODE_STARTUPTIMEOUT=30s \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas, path: $home/ccaas}]" \
    nohup "$bin/peer" node start >"$home/peer.log" 2>&1 &
  echo $! >"$home/peer.pid"
}

# The peer CLI as the org's admin; kept out of the environment of anything else (the chaincode).
as_admin() {
  local org="$home/crypto/peerOrganizations/org1.$orgs"
  FABRIC_CFG_PATH="$home/peer/config" CORE_PEER_LOCALMSPID=Org1MSP \
    CORE_PEER_MSPCONFIGPATH="$org/users/Admin@org1.$orgs/msp" CORE_PEER_ADDRESS="127.0.0.1:$peer_port" \
    CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_ROOTCERT_FILE="$org/peers/peer0.org1.$orgs/tls/ca.crt" \
    "$bin/peer" "$@"
}

write_env() {
  local org="$home/crypto/peerOrganizations/org1.$orgs" ord="$home/crypto/ordererOrganizations/$orgs"
  cat >"$home/network.env" <<ENV
FABRIC_CHANNEL=$channel
FABRIC_MSP_ID=Org1MSP
FABRIC_PEER_ENDPOINT=127.0.0.1:$peer_port
FABRIC_PEER_TLS_CA=$org/peers/peer0.org1.$orgs/tls/ca.crt
FABRIC_ADMIN_CERT=$org/users/Admin@org1.$orgs/msp/signcerts/Admin@org1.$orgs-cert.pem
FABRIC_ADMIN_KEY=$org/users/Admin@org1.$orgs/msp/keystore/priv_sk
FABRIC_USER_CERT=$org/users/User1@org1.$orgs/msp/signcerts/User1@org1.$orgs-cert.pem
FABRIC_USER_KEY=$org/users/User1@org1.$orgs/msp/keystore/priv_sk
FABRIC_ORDERER_ENDPOINT=127.0.0.1:$orderer_port
FABRIC_ORDERER_TLS_CA=$ord/orderers/orderer.$orgs/tls/ca.crt
FABRIC_ORDERER_ADMIN=127.0.0.1:$admin_port
FABRIC_ORDERER_OPERATIONS=127.0.0.1:$orderer_ops
FABRIC_PEER_OPERATIONS=127.0.0.1:$peer_ops
ENV
}

load_env() {
  [ -f "$home/network.env" ] || die "no network at $home (run network.sh up)"
  # shellcheck disable=SC1091
  . "$home/network.env"
  peer_port="${FABRIC_PEER_ENDPOINT##*:}" orderer_port="${FABRIC_ORDERER_ENDPOINT##*:}"
}

up() {
  [ ! -e "$home/network.env" ] || die "a network is already at $home (network.sh down first)"
  build
  mkdir -p "$home"
  home="$(cd "$home" && pwd)"
  choose_ports
  crypto
  genesis
  ccaas_builder
  start_orderer
  start_peer
  wait_ready orderer "$orderer_ops" "$orderer_port" "$admin_port"
  wait_ready peer "$peer_ops" "$peer_port"
  write_env
  local tls="$home/crypto/ordererOrganizations/$orgs/orderers/orderer.$orgs/tls" i
  "$bin/osnadmin" channel join --channelID "$channel" --config-block "$home/$channel.block" \
    -o "127.0.0.1:$admin_port" --ca-file "$tls/ca.crt" --client-cert "$tls/server.crt" \
    --client-key "$tls/server.key" >>"$home/osnadmin.log" 2>&1 || die "orderer channel join failed, see $home/osnadmin.log"
  for i in $(seq 1 100); do
    grep -q "Raft leader changed" "$home/orderer.log" && break
    [ "$i" -lt 100 ] || die "no raft leader after 10 s, see $home/orderer.log"
    sleep 0.1
  done
  as_admin channel join -b "$home/$channel.block" >>"$home/cli.log" 2>&1 || die "peer channel join failed, see $home/cli.log"
  echo "network.sh: up at $home, peer 127.0.0.1:$peer_port, channel $channel (see $home/network.env)" >&2
}

# A deterministic package (fixed tar metadata, gzip without a time stamp), so its id can be computed
# before install and the chaincode server started with it.
package() {
  local name="$1" address="$2" dir="$home/cc/$1"
  mkdir -p "$dir/pkg"
  printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$address" >"$dir/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$name" >"$dir/pkg/metadata.json"
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - connection.json \
    | gzip -n >"$dir/pkg/code.tar.gz"
  tar -C "$dir/pkg" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - metadata.json code.tar.gz \
    | gzip -n >"$dir/$name.tgz"
  as_admin lifecycle chaincode calculatepackageid "$dir/$name.tgz"
}

deploy_cc() {
  local name="$1" address="$2" id
  id="$(package "$name" "$address")"
  local order=(-o "$FABRIC_ORDERER_ENDPOINT" --tls --cafile "$FABRIC_ORDERER_TLS_CA" --channelID "$channel"
    --name "$name" --version 1 --sequence 1)
  as_admin lifecycle chaincode install "$home/cc/$name/$name.tgz" >>"$home/cli.log" 2>&1 \
    && as_admin lifecycle chaincode approveformyorg "${order[@]}" --package-id "$id" >>"$home/cli.log" 2>&1 \
    && as_admin lifecycle chaincode commit "${order[@]}" --peerAddresses "$FABRIC_PEER_ENDPOINT" \
      --tlsRootCertFiles "$FABRIC_PEER_TLS_CA" >>"$home/cli.log" 2>&1 \
    || die "deploying $name failed, see $home/cli.log"
  echo "$id"
}

status() {
  [ -f "$home/network.env" ] || { echo "down"; return 1; }
  load_env
  local ok=0 name port
  for name in orderer peer; do
    if [ "$name" = orderer ]; then port="${FABRIC_ORDERER_OPERATIONS##*:}"; else port="${FABRIC_PEER_OPERATIONS##*:}"; fi
    if healthy "$port"; then
      echo "$name: up (pid $(cat "$home/$name.pid"))"
    else
      echo "$name: down"
      ok=1
    fi
  done
  return $ok
}

# Stops the peer or the orderer (SIGTERM, or SIGKILL), then starts it on the same ledger and ports and
# waits until it answers (the orderer: until raft has a leader again).
restart_node() {
  local name="$1" signal="$2" pid
  pid="$(cat "$home/$name.pid")"
  kill -s "$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  mv "$home/$name.log" "$home/$name-before-restart-$(date +%s%N).log"
  if [ "$name" = peer ]; then
    peer_cc_port=$((peer_port + 1)) peer_ops="${FABRIC_PEER_OPERATIONS##*:}"
    start_peer
    wait_ready peer "$peer_ops" "$peer_port"
  else
    admin_port="${FABRIC_ORDERER_ADMIN##*:}" orderer_ops="${FABRIC_ORDERER_OPERATIONS##*:}"
    start_orderer
    wait_ready orderer "$orderer_ops" "$orderer_port" "$admin_port"
    for _ in $(seq 1 100); do
      grep -q "Raft leader changed" "$home/orderer.log" && return
      sleep 0.1
    done
    die "no raft leader 10 s after the orderer restarted, see $home/orderer.log"
  fi
}

# Stops both at once (each takes 1-2 s to stop gracefully), killing either if still there after 5 s.
down() {
  local pids=() pid
  for pid in "$home"/peer.pid "$home"/orderer.pid; do
    [ -f "$pid" ] && pids+=("$(cat "$pid")")
  done
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    for pid in "${pids[@]}"; do
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    done
  fi
  rm -rf "$home"
}

case "${1:-}" in
  build) build && echo "$bin" ;;
  up) up ;;
  package-id | deploy-cc)
    [ $# -eq 3 ] || die "usage: network.sh $1 NAME HOST:PORT"
    load_env
    home="$(cd "$home" && pwd)"
    if [ "$1" = package-id ]; then package "$2" "$3"; else deploy_cc "$2" "$3"; fi
    ;;
  peer)
    shift
    load_env
    home="$(cd "$home" && pwd)"
    as_admin "$@"
    ;;
  status) status ;;
  restart-peer | restart-orderer)
    load_env
    home="$(cd "$home" && pwd)"
    signal=TERM
    [ "${2:-}" = kill ] && signal=KILL
    restart_node "${1#restart-}" "$signal"
    ;;
  down) down ;;
  *)
    echo "usage: $0 build|up|package-id NAME HOST:PORT|deploy-cc NAME HOST:PORT|peer ARGS...|status|restart-peer [kill]|restart-orderer [kill]|down" >&2
    exit 2
    ;;
esac
