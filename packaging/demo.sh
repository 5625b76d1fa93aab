#!/usr/bin/env bash
# The main job, end to end, on SQLite with the embedded defaults:
#   build; start the JeDéclare simulator with a generated firm; set up the reference host (admin, companies,
#   bank accounts); add JeDeclare.com; match companies; activate; link bank accounts; run the scheduled sync
#   with progress; show what reached the ledger; sync again to show it is incremental; stop the simulator.
# Run as root on Debian 12. Environment: JD_SKIP_DEPS=1 skips apt-get; JD_DEMO_DIR keeps the demo's files
# there (default: a fresh temporary directory); JD_DEMO_LANG=en for English output.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lang="${JD_DEMO_LANG:-fr}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
show() { printf '\n$ %s\n' "$*"; }

if [ "${JD_SKIP_DEPS:-0}" != 1 ]; then
  step "Installation des dépendances / installing dependencies"
  ./packaging/install-deps.sh build
fi

step "Compilation / build (preset release)"
./packaging/build.sh release --target aggregator-host jedeclare_aggregator jedeclare-sim jedeclare-statement
bin="$root/build/release"
host_exe="$bin/host_sdk/reference_host/aggregator-host"
sim_exe="$bin/tests/simulator/jedeclare-sim"
plugins="$bin/plugins"

work="${JD_DEMO_DIR:-$(mktemp -d /tmp/jedeclare-demo.XXXXXX)}"
mkdir -p "$work"
home="$work/host-home"
rm -rf "$home" "$work/firm"
sim_pid=""
stop_sim() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null; sim_pid=""; }
trap stop_sim EXIT

host() { "$host_exe" --home "$home" --plugins "$plugins" --lang "$lang" "$@"; }
json_field() { jq -r "$1" "$2"; }

step "Le cabinet simulé / the simulated firm (20 dossiers, 10 jours de relevés)"
show jedeclare-sim generate --seed 2024 --dossiers 20 --days 10 --out firm
"$sim_exe" generate --seed 2024 --dossiers 20 --days 10 --end-date 2026-11-27 --out "$work/firm"

step "Démarrage du simulateur JeDéclare (HTTPS sur 127.0.0.1) / starting the simulator"
"$sim_exe" serve --dataset "$work/firm" --ready-file "$work/ready.json" --tls-dir "$work/tls" \
  >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
[ -s "$work/ready.json" ] || { echo "the simulator did not start; see $work/sim.log" >&2; exit 1; }
echo "simulateur : $(json_field .base_url "$work/ready.json")"
login=$(json_field '.comptes[0].login' "$work/ready.json")
password=$(json_field '.comptes[0].password' "$work/ready.json")
gestion=$(json_field '.comptes[0].gestion_account_id' "$work/ready.json")
soap_url=$(json_field .soap_url "$work/ready.json")
gestion_url=$(json_field .gestion_url "$work/ready.json")
ca_file=$(json_field .ca_file "$work/ready.json")

step "La plateforme : utilisateurs, sociétés, comptes bancaires / the host's users and companies"
show aggregator-host seed firm/host-seed.json
host seed "$work/firm/host-seed.json"
show aggregator-host users list
host users list

step "Paramètres > Configuration > Agrégateurs > + Ajouter"
show aggregator-host aggregators available
host aggregators available

step "Sans les deux droits, rien ne change / without both rights nothing changes"
show aggregator-host --user config_only aggregators add jedeclare --instance jedeclare-1 ...
if printf '%s' "$password" | host --user config_only aggregators add jedeclare --instance jedeclare-1 \
    --set login="$login" --set gestion_account_id="$gestion" --set soap_url="$soap_url" \
    --set gestion_url="$gestion_url" --set ca_bundle="$ca_file" --password-stdin; then
  echo "unexpected: a user with one right could add the aggregator" >&2; exit 1
fi

step "Ajout de JeDeclare.com avec le compte de flux du cabinet / adding JeDeclare.com"
show aggregator-host --user admin aggregators add jedeclare --instance jedeclare-1 --set login=$login ... --password-stdin
printf '%s' "$password" | host --user admin aggregators add jedeclare --instance jedeclare-1 \
  --set login="$login" --set gestion_account_id="$gestion" --set soap_url="$soap_url" \
  --set gestion_url="$gestion_url" --set ca_bundle="$ca_file" --password-stdin --interval 3600
show aggregator-host --user admin aggregators show jedeclare-1
host --user admin aggregators show jedeclare-1

step "Rapprochement des entreprises par raison sociale / matching companies"
show aggregator-host --user admin companies match jedeclare-1
host --user admin companies match jedeclare-1
host --user admin --json companies match jedeclare-1 >"$work/match.json"

# The admin confirms the first proposal whose best candidate shares the SIREN.
proposal=$(jq -r '[.proposals[] | select(.candidates[0].reasons | index("same_siren"))][0] |
                  select(. != null) | "\(.dossier_id) \(.candidates[0].company_id)"' "$work/match.json")
if [ -n "$proposal" ]; then
  set -- $proposal
  step "L'administrateur confirme une proposition / the admin confirms a proposal"
  show aggregator-host --user admin companies confirm jedeclare-1 --dossier "$1" --company "$2"
  host --user admin companies confirm jedeclare-1 --dossier "$1" --company "$2"
  host --user admin --json companies match jedeclare-1 >"$work/match.json"
fi

step "Activation des entreprises rapprochées / activating the linked companies"
companies=$(jq -r '[.links[].company_id] | map(tostring) | join(" ")' "$work/match.json")
show aggregator-host --user admin companies activate jedeclare-1 $companies
host --user admin companies activate jedeclare-1 $companies

step "Dans chaque entreprise : lier chaque RIB JeDéclare à un compte bancaire / linking RIBs"
linked=0
for company in $companies; do
  host --user admin --json company "$company" bank-links jedeclare-1 >"$work/links-$company.json"
  while read -r rib account; do
    [ -n "$rib" ] || continue
    host --user admin company "$company" bank-links jedeclare-1 set --rib "$rib" --account "$account" >/dev/null
    linked=$((linked + 1))
  done < <(jq -r '.ribs[] | select(.bank_account_id == null and .proposed_bank_account_id != null) |
                  "\(.rib_key) \(.proposed_bank_account_id)"' "$work/links-$company.json")
done
first=$(echo "$companies" | awk '{print $1}')
show aggregator-host --user admin company "$first" bank-links jedeclare-1
host --user admin company "$first" bank-links jedeclare-1
echo "$linked RIB liés au compte bancaire proposé (IBAN identique)"

step "Synchronisation planifiée / the scheduled sync"
show aggregator-host scheduler run --once
host scheduler run --once

step "Ce qui est arrivé au grand livre / what reached the ledger"
show aggregator-host ledger summary
host ledger summary

step "Vérification : exactement une fois / checking: exactly once"
# What the simulator sent to this compte de flux for the RIBs now linked (its truth file), against the ledger.
for company in $companies; do
  host --user admin --json company "$company" bank-links jedeclare-1
done | jq -s '[.[].ribs[] | select(.bank_account_id != null) | .rib_key]' >"$work/linked-ribs.json"
host --json ledger summary >"$work/ledger.json"
expected=$(jq --arg login "$login" --slurpfile linked "$work/linked-ribs.json" \
  '[.ribs[] | select(.compte == $login and (.rib_key as $k | $linked[0] | index($k)))] |
   "\(map(.movements) | add // 0) \(map(.sum_minor) | add // 0)"' -r "$work/firm/truth.json")
received=$(jq -r '"\([.accounts[].movements] | add // 0) \([.accounts[].sum_minor] | add // 0)"' "$work/ledger.json")
echo "envoyé par le simulateur pour les RIB liés : ${expected% *} mouvements, somme ${expected#* } (unités mineures)"
echo "reçu par le grand livre                   : ${received% *} mouvements, somme ${received#* } (unités mineures)"
if [ "$expected" != "$received" ]; then
  echo "the ledger does not hold exactly what the simulator sent for the linked RIBs" >&2; exit 1
fi
echo "aucun perdu, aucun en double / none lost, none twice"

step "Deuxième synchronisation : incrémentale / a second sync is incremental"
show aggregator-host --user admin sync now jedeclare-1
host --user admin sync now jedeclare-1

host --json ledger summary >"$work/ledger-again.json"
if ! cmp -s "$work/ledger.json" "$work/ledger-again.json"; then
  echo "the second sync changed the ledger although nothing new was sent" >&2; exit 1
fi
echo "grand livre inchangé : rien de nouveau, rien en double / ledger unchanged"

step "État de l'agrégateur / status"
show aggregator-host --user admin aggregators status jedeclare-1
host --user admin aggregators status jedeclare-1

stop_sim
step "Terminé / done. Files: $work"
