#!/usr/bin/env bash
# Seeds a demo course over the public API: a teacher, a designer, a student, a suite, a convergence
# course and an assignment. Prints the tokens to use. Safe to run again: it adds a fresh set each time
# under new logins, leaving earlier ones alone.
#   seed-demo.sh API_URL ADMIN_TOKEN
set -euo pipefail

api_url="$1" admin_token="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tag="$(date +%s)"

# call METHOD PATH TOKEN [JSON|@FILE]: prints the response body, fails on a non-2xx answer.
call() {
    local method="$1" path="$2" token="$3" body="${4:-}"
    curl -fsS -X "$method" "$api_url$path" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' ${body:+--data-binary "$body"}
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

teacher_json="$(call POST /api/users "$admin_token" "{\"login\":\"demo-teacher-$tag\",\"name\":\"김선생\",\"role\":\"teacher\"}")"
designer_json="$(call POST /api/users "$admin_token" "{\"login\":\"demo-designer-$tag\",\"name\":\"박설계\",\"role\":\"designer\"}")"
student_json="$(call POST /api/users "$admin_token" "{\"login\":\"demo-student-$tag\",\"name\":\"이학생\",\"role\":\"student\"}")"
teacher_token="$(field token <<<"$teacher_json")"
designer_token="$(field token <<<"$designer_json")"
student_token="$(field token <<<"$student_json")"
student_id="$(field id <<<"$student_json")"

suite_id="$(call POST /api/suites "$designer_token" "@$here/demo/suite.json" | field id)"
course_id="$(call POST /api/courses "$teacher_token" '{"name":"AI 융합 코딩 1반 (데모)","kind":"convergence"}' | field id)"
call POST "/api/courses/$course_id/members" "$admin_token" "{\"userId\":\"$student_id\",\"role\":\"student\"}" >/dev/null
due="$(date -u -d '+14 days' +%Y-%m-%dT%H:%M:%SZ)"
assignment_id="$(call POST "/api/courses/$course_id/assignments" "$teacher_token" \
    "{\"title\":\"두 수의 합\",\"suiteId\":\"$suite_id\",\"dueAt\":\"$due\"}" | field id)"

cat <<INFO
Demo course $course_id, assignment $assignment_id
  teacher token:  $teacher_token
  designer token: $designer_token
  student token:  $student_token
Try:
  curl -s -X POST $api_url/api/assignments/$assignment_id/submissions -H "Authorization: Bearer $student_token" \\
       -H 'Content-Type: application/json' -d '{"language":"python","source":"a, b = map(int, input().split())\\nprint(a + b)\\n"}'
INFO
