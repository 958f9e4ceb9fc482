#!/bin/bash
# The cron tables are read, not written.
# expect: nothing
# near-miss: Schedule Cron Jobs
# with: opt-in/cron-jobs.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

run() {
    cat /etc/crontab /etc/cron.d/* > /dev/null 2>&1 || true
}

main "$@"
