#!/bin/bash
# A job is written into /etc/cron.d (opt-in rule; the write below /etc is caught by default, but with
# the opt-in, Schedule Cron Jobs, which comes first, is the rule that reports it).
# expect: Write below etc
# with: opt-in/cron-jobs.yaml
# expect-with: Schedule Cron Jobs
. "${0%/*}/lib.bash"

run() {
    echo '* * * * * root /tmp/lanner-corpus-none' | tee /etc/cron.d/lanner-corpus-test > /dev/null
}

teardown() {
    rm -f /etc/cron.d/lanner-corpus-test
}

main "$@"
