#!/usr/bin/env bash
# FraudLab set-up on a fresh Debian machine that has the .NET 10 SDK and Node 20.
#
#   ./download.sh           set up: Debian packages, npm packages, NuGet restore, build, pack the local feed
#   ./download.sh --run     set up, then the main job: fraudlab workshop (local stack, every notebook, charts, summary)
#   ./download.sh --test    set up, then every test; the last line is "N passed, N failed, N skipped"
#
# Idempotent: a second run skips what is already there and builds incrementally (seconds).
# Any failure prints one line naming the missing piece and exits non-zero.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"

# Debian packages the kit needs: kcat (the Kafka command line used in the README and the tests),
# chromium (the real browser the chart tests render in, driven by Playwright: no browser download),
# python3-nbclient and jupyter-nbconvert (Jupyter, which runs the notebooks in the real .NET Interactive kernel).
APT_PACKAGES=(kcat chromium python3-nbclient jupyter-nbconvert)
# Kit libraries packed into the local NuGet feed the notebooks restore from (KitPaths.LocalFeedDirectory).
PACK_PROJECTS=(lib/FraudDetection.Core/FraudDetection.Core.csproj lib/FraudDetection/FraudDetection.csproj)

SOLUTION=FraudLab.slnx
# Release: what users run (the CLI, the broker, the processor, the benchmark, the notebooks' package) runs with the
# JIT's optimisations on (a Debug build decides about half as fast). The tests run on the same build.
CONFIGURATION=Release
STATE_DIR="$ROOT/.fraudlab"
FEED_DIR="$STATE_DIR/feed"
LOG_DIR="$STATE_DIR/setup"
# The project-local Jupyter data folder (JUPYTER_PATH) holding the .NET Interactive kernel spec; the user's own is never touched.
JUPYTER_DIR="$STATE_DIR/jupyter"
RESULTS_DIR="$ROOT/out/test-results"
CLI="$ROOT/lib/FraudLab.Cli/bin/$CONFIGURATION/net10.0/fraudlab.dll"

fail() {
  echo "download.sh: error: $*" >&2
  exit 1
}

step() {
  echo "==> $*"
}

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# Runs a set-up command with its output in a log; on failure prints one line: what failed, where the log is, its first error.
run_logged() {
  local name="$1"
  shift
  local log="$LOG_DIR/$name.log"
  if ! "$@" >"$log" 2>&1; then
    local first_error
    first_error="$(grep -m1 -E 'error|ERR!|E: ' "$log" | sed 's/^[[:space:]]*//' | cut -c1-300 || true)"
    fail "$name failed (log: $log)${first_error:+: $first_error}"
  fi
}

# Amazon Linux 2023 (the AWS workshop host): Node.js 20 comes from dnf (nodejs20, installed as node-20 / npm-20);
# kcat and chromium are not in its repositories, so the tests that need them skip with the reason.
is_amazon_linux() {
  [ -r /etc/os-release ] && grep -qE '^ID="?amzn"?$' /etc/os-release
}

install_dnf_packages() {
  is_amazon_linux || return 0
  if ! command -v node >/dev/null && ! command -v node-20 >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
      fail "Node.js 20 is missing: install it with: sudo dnf install -y nodejs20 nodejs20-npm"
    fi
    step "dnf install nodejs20 nodejs20-npm"
    run_logged dnf-install dnf install -y nodejs20 nodejs20-npm
  fi
  # nodejs20 names its programs node-20 and npm-20: give them their usual names for this script and the kit.
  if ! command -v node >/dev/null && command -v node-20 >/dev/null; then
    mkdir -p "$ROOT/.fraudlab/bin"
    ln -sf "$(command -v node-20)" "$ROOT/.fraudlab/bin/node"
    ln -sf "$(command -v npm-20)" "$ROOT/.fraudlab/bin/npm"
    export PATH="$ROOT/.fraudlab/bin:$PATH"
    echo "download.sh: note: node-20 and npm-20 linked as node and npm in .fraudlab/bin (add it to PATH to run the kit)"
  fi
}

check_prerequisites() {
  command -v dotnet >/dev/null || fail "the .NET 10 SDK is missing: install dotnet-sdk-10.0 (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
  dotnet --list-sdks 2>/dev/null | grep -q '^10\.' || fail "the .NET 10 SDK is missing (found: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')): install dotnet-sdk-10.0"
  command -v node >/dev/null || fail "Node.js 20 is missing: install it (Debian: apt-get install nodejs npm, or NodeSource's nodejs 20; Amazon Linux 2023: dnf install nodejs20 nodejs20-npm)"
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is needed (found $(node --version))"
  command -v npm >/dev/null || fail "npm is missing: install it (Debian: apt-get install npm)"
}

install_debian_packages() {
  command -v dpkg-query >/dev/null || return 0 # not Debian (Amazon Linux 2023: install_dnf_packages)
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi

  if [ "$(id -u)" -ne 0 ]; then
    echo "download.sh: note: not root, so these Debian packages are not installed; install them with: sudo apt-get install -y ${missing[*]}"
    return
  fi

  step "apt-get install ${missing[*]}"
  run_logged apt-get-update apt-get update
  run_logged apt-get-install env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# npm ci wipes and reinstalls node_modules, so it runs only when package-lock.json changed since the last install.
install_npm_packages() {
  local stamp="node_modules/.fraudlab-lock.sha256"
  local lock_hash
  lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ] && [ -f node_modules/dynalite/cli.js ]; then
    return
  fi

  step "npm ci"
  run_logged npm-ci npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
}

build_kit() {
  step "dotnet restore + build $SOLUTION"
  # One command restores and builds; a build with nothing changed is incremental.
  run_logged dotnet-build dotnet build "$SOLUTION" -c "$CONFIGURATION"
  [ -f "$CLI" ] || fail "the build produced no $CLI"
}

pack_feed() {
  step "dotnet pack -> $FEED_DIR"
  mkdir -p "$FEED_DIR"
  for project in "${PACK_PROJECTS[@]}"; do
    run_logged "dotnet-pack-$(basename "$project" .csproj)" dotnet pack "$project" --no-build -c "$CONFIGURATION" -o "$FEED_DIR"
  done
}

# A fixed package version (0.1.0) is taken from NuGet's global packages folder once cached, so the real kernel
# would keep an earlier pack: the cached copy is dropped after each pack (the kit's own engine keys its cache by
# the feed's files instead).
forget_cached_pack() {
  local packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  for project in "${PACK_PROJECTS[@]}"; do
    local id
    id="$(basename "$project" .csproj | tr '[:upper:]' '[:lower:]')"
    rm -rf "${packages:?}/$id/0.1.0"
  done
}

# The .NET Interactive kernel, pinned in .config/dotnet-tools.json, and its Jupyter kernel spec in the project-local
# data folder. The spec starts the tool through the manifest, which dotnet finds from the notebook's folder (the
# kernel's current folder) upwards.
install_kernel() {
  step "dotnet tool restore (.NET Interactive kernel) + kernel spec in $JUPYTER_DIR"
  run_logged dotnet-tool-restore dotnet tool restore
  local spec="$JUPYTER_DIR/kernels/.net-csharp"
  mkdir -p "$spec"
  cat >"$spec/kernel.json" <<'JSON'
{
  "argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"],
  "display_name": ".NET (C#)",
  "language": "C#"
}
JSON
}

# The main job: `fraudlab workshop` starts the local stack, runs every notebook in local mode into out/notebooks
# (charts into out/charts), prints the summary and stops the stack.
run_main_job() {
  step "fraudlab workshop"
  dotnet "$CLI" workshop || fail "fraudlab workshop failed (see the line above; executed notebooks are in out/notebooks)"
}

# Sums one counter over every TRX report.
trx_sum() {
  cat "$RESULTS_DIR"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' | awk '{ s += $1 } END { print s + 0 }'
}

# Every test assembly of the solution, one TRX report each. A test host that crashed leaves no report: each missing
# report counts as a failure, as does a non-zero exit of `dotnet test`, so a crash can never pass as green.
run_tests() {
  step "dotnet test $SOLUTION"
  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"
  local status=0
  # Exit code 8 = an assembly with no tests yet: not a failure.
  dotnet test --solution "$SOLUTION" --no-build -c "$CONFIGURATION" --no-ansi --no-progress \
    --results-directory "$RESULTS_DIR" --report-xunit-trx --ignore-exit-code 8 --timeout 15m || status=$?

  local assemblies reports passed failed skipped
  assemblies="$(grep -o 'Path="tests/[^"]*\.csproj"' "$SOLUTION" | grep -o 'tests/[^"]*' | while read -r project; do
    grep -q 'TestProject.props' "$project" && echo "$project"
  done | wc -l)"
  reports="$(find "$RESULTS_DIR" -maxdepth 1 -name '*.trx' | wc -l)"
  passed="$(trx_sum passed)"
  failed=$(($(trx_sum failed) + $(trx_sum error) + $(trx_sum timeout) + $(trx_sum aborted)))
  skipped="$(trx_sum notExecuted)"
  if [ "$reports" -lt "$assemblies" ]; then
    echo "download.sh: $((assemblies - reports)) of $assemblies test assemblies left no report (crashed or did not start): counted as failed"
    failed=$((failed + assemblies - reports))
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "download.sh: dotnet test exited with $status although no test failed: counted as 1 failure"
    failed=1
  fi

  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}

main() {
  local mode=setup
  for argument in "$@"; do
    case "$argument" in
      --run) mode=run ;;
      --test) mode=test ;;
      -h | --help) usage; exit 0 ;;
      *) fail "unknown option '$argument' (use --run, --test or --help)" ;;
    esac
  done

  mkdir -p "$LOG_DIR"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  install_dnf_packages
  check_prerequisites
  install_debian_packages
  install_npm_packages
  build_kit
  pack_feed
  forget_cached_pack
  install_kernel
  step "set-up done"

  case "$mode" in
    run) run_main_job ;;
    test) run_tests ;;
  esac
}

main "$@"
