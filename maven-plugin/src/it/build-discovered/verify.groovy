// pipeline:build found the definition through ServiceLoader and wrote every file, pinning the
// resolved CLI jar, the same bytes as `pipeline build`; pipeline:lint ran in verify.
import java.security.MessageDigest

def out = new File(basedir, 'target/pipeline')
def expected = ['buildspec.yaml', 'cloudformation/bootstrap.template.json',
                'cloudformation/pipeline.template.json', 'codebuild-project.json',
                'iam/codebuild-role-policy.json', 'iam/pipeline-role-policy.json', 'openapi.yaml',
                'pipeline.json', 'pipeline.mmd']
expected.each { assert new File(out, it).isFile() : "target/pipeline/$it was not written" }
def listed = new File(out, '.pipelinekit-output').readLines().findAll { it && !it.startsWith('#') }
assert listed.sort() == expected
assert !out.parentFile.listFiles().any { it.name.endsWith('.tmp') } : 'a staging folder was left'

def log = new File(basedir, 'build.log').text
assert log.contains('wrote 9 files to target/pipeline from com.example.orders.OrdersPipeline:')
assert new File(out, 'openapi.yaml').text.contains('operationId: listOrders')

// the tool the buildspec installs: the CLI jar resolved from the project's repositories, hashed
def v = pipelinekitVersion
def jar = new File(localRepositoryPath, "io/pipelinekit/pipeline-cli/$v/pipeline-cli-$v-all.jar")
assert jar.isFile()
def sha = MessageDigest.getInstance('SHA-256').digest(jar.bytes).encodeHex().toString()
assert log.contains("tool: io.pipelinekit:pipeline-cli:$v:jar:all sha256 $sha")

assert log.contains('[WARNING] api/openapi.yaml:8:5: warning apigw-security-none: GET /orders has no authorization')
assert log.contains('lint: 0 error(s), 1 warning(s), 0 info in 1 file(s)')

// the buildspec's install phase fetches exactly that jar and checks it against that SHA-256
def buildspec = new File(out, 'buildspec.yaml').text
assert buildspec.contains("pipeline-cli-$v-all.jar")
assert buildspec.contains(sha)

// `pipeline build` run from that same jar, with the project's classes, pins its own jar: the same
// bytes, every file
def cliOut = new File(basedir, 'target/cli-pipeline')
def java = new File(System.getProperty('java.home'), 'bin/java').path
def cp = jar.path + File.pathSeparator + new File(basedir, 'target/classes').path
def proc = [java, '-cp', cp, 'io.pipelinekit.cli.PipelineCli', 'build', '--out', cliOut.path,
            '--source-root', basedir.path].execute(null, basedir)
def stdout = new StringBuilder(), stderr = new StringBuilder()
proc.waitForProcessOutput(stdout, stderr)
assert proc.exitValue() == 0 : "pipeline build failed: $stdout $stderr"
expected.each {
  assert new File(cliOut, it).bytes == new File(out, it).bytes : "$it differs from pipeline build's"
}
return true
