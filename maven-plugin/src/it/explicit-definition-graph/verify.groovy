// <definition> chose StagingPipeline out of the two registered; its parameter came from <parameters>;
// pipeline:graph wrote target/pipeline/pipeline.dot; pipeline build writes the same files.
def out = new File(basedir, 'target/pipeline')
def log = new File(basedir, 'build.log').text
assert log.contains('from com.example.multi.StagingPipeline:')
def pipelineJson = new File(out, 'pipeline.json').text
assert pipelineJson.contains('"name" : "staging"') || pipelineJson.contains('"name": "staging"')
assert pipelineJson.contains('444455556666')
assert !pipelineJson.contains('111122223333')
def dot = new File(out, 'pipeline.dot')
assert dot.isFile()
assert dot.text.startsWith('digraph')
assert dot.text.contains('Test')
assert log.contains("wrote the dot graph of com.example.multi.StagingPipeline to ${dot.path}")
// nothing to pin (ToolInstall.onImage()): no CLI jar was resolved
assert !log.contains('tool: io.pipelinekit:pipeline-cli')

// `pipeline build` (the CLI jar invoker:install put in the local repository) with the project's
// classes writes the same bytes
def v = pipelinekitVersion
def jar = new File(localRepositoryPath, "io/pipelinekit/pipeline-cli/$v/pipeline-cli-$v-all.jar")
def cliOut = new File(basedir, 'target/cli-pipeline')
def java = new File(System.getProperty('java.home'), 'bin/java').path
def cp = jar.path + File.pathSeparator + new File(basedir, 'target/classes').path
def proc = [java, '-cp', cp, 'io.pipelinekit.cli.PipelineCli', 'build',
            '--definition', 'com.example.multi.StagingPipeline', '-P', 'account=444455556666',
            '--out', cliOut.path, '--source-root', basedir.path].execute(null, basedir)
def stdout = new StringBuilder(), stderr = new StringBuilder()
proc.waitForProcessOutput(stdout, stderr)
assert proc.exitValue() == 0 : "pipeline build failed: $stdout $stderr"
def written = new File(out, '.pipelinekit-output').readLines().findAll { it && !it.startsWith('#') }
assert written.contains('buildspec.yaml') && written.contains('pipeline.json')
written.each {
  assert new File(cliOut, it).bytes == new File(out, it).bytes : "$it differs from pipeline build's"
}
return true
