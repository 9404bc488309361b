#!/usr/bin/env bash
# Proves the end-to-end tests wait for conditions, not for luck: runs them RUNS times in a row
# (default 20) while a second copy of the whole suite loops beside them, the load that made
# them flaky on a 2-core CI machine. Every run goes on even after a failure, so one stress run
# names every flaky file; the script exits non-zero unless all RUNS runs passed.
#
#   npm run build && scripts/stress-e2e.sh [RUNS] [test files…]
#
# The tests run the built CLI (dist/), hence the build. Logs stay in $STRESS_LOGS (default: a
# temp folder), one per run plus background.log for the second copy of the suite.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20}
shift || true
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(
    test/chat/chat-tmux.e2e.test.ts
    test/chat/line-mode-pipe.test.ts
    test/chat/chat-command.test.ts
    test/cli/ask.test.ts
    test/serve/process.test.ts
    test/serve/webhook.test.ts
    test/ci/ci-run.test.ts
    test/eval/eval-cli.test.ts
    test/eval/reports/report-html.browser.test.ts
  )
fi
logs=${STRESS_LOGS:-$(mktemp -d -t kavak-stress-XXXXXX)}
mkdir -p "$logs"

# The second copy of the suite, in its own process group so it can be stopped with all its children.
setsid bash -c '
  n=0
  while :; do
    n=$((n + 1))
    if npx vitest run >"$0/background-$n.log" 2>&1; then echo "background suite $n: passed"
    else echo "background suite $n: FAILED ($0/background-$n.log)"; fi
  done >>"$0/background.log"
' "$logs" &
background=$!
trap 'kill -- -"$background" 2>/dev/null; wait "$background" 2>/dev/null' EXIT

echo "stress: ${runs} runs of ${#files[@]} end-to-end files beside a looping copy of the whole suite; logs in ${logs}"
failed_runs=0
for run in $(seq 1 "$runs"); do
  log="$logs/run-$run.log"
  started=$(date +%s)
  if npx vitest run "${files[@]}" >"$log" 2>&1; then
    echo "run ${run}/${runs}: passed ($(($(date +%s) - started)) s)"
  else
    failed_runs=$((failed_runs + 1))
    echo "run ${run}/${runs}: FAILED ($(($(date +%s) - started)) s), see ${log}:"
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *(FAIL|×) ' | sort -u | sed 's/^/    /'
  fi
done

kill -- -"$background" 2>/dev/null
wait "$background" 2>/dev/null
trap - EXIT
echo "background: $(grep -c passed "$logs/background.log" 2>/dev/null || true) whole-suite runs passed," \
  "$(grep -c FAILED "$logs/background.log" 2>/dev/null || true) failed beside them"
grep FAILED "$logs/background.log" 2>/dev/null | sed 's/^/    /'
echo "stress: $((runs - failed_runs)) of ${runs} runs passed"
[ "$failed_runs" -eq 0 ]
