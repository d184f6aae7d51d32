// Run 1 (failOn error) passed, run 2 (failOn warning) failed on the same findings; both printed
// each finding as file:line:col: severity rule-id: message, at the log level of its severity.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] api/openapi.yaml:8:5: warning apigw-security-none: GET /orders has no authorization')
assert log.contains('[INFO] buildspec.yml:5:9: info buildspec-docker-privileged: this buildspec runs Docker')
assert log.contains('lint: 0 error(s), 1 warning(s), 1 info in 2 file(s)')
assert log.contains('BUILD SUCCESS')
assert log.contains('pipeline:lint: 1 finding(s) at or above warning (<failOn>)')
assert log.contains('BUILD FAILURE')
assert !log.contains('\tat ') : 'a stack trace was printed'
return true
