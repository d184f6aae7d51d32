// The build failed listing every broken rule with its id, without a stack trace, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('definition com.example.broken.BrokenPipeline breaks ')
assert log.contains('definition com.example.broken.BrokenPipeline breaks 4 rules:')
assert log.contains("[ERROR]   - pipeline-source-first: stage 'Build' action 'Build': the first stage may hold only source actions")
assert log.contains("[ERROR]   - pipeline-source-first: stage 'Source' action 'Source': source actions may appear only in the first stage")
assert log.contains("[ERROR]   - pipeline-sources-only: pipeline 'broken' has no action besides sources")
assert log.contains("[ERROR]   - pipeline-artifact-unknown: stage 'Build' action 'Build': input artifact 'Nowhere' is not produced by any action")
assert !log.contains('\tat ') : 'a stack trace was printed'
assert !log.contains('DefinitionException') : 'a Java class name was printed'
assert !new File(basedir, 'target/pipeline').exists() : 'target/pipeline was written'
return true
