// <definition> chose StagingPipeline out of the two registered; its parameter came from <parameters>;
// pipeline:graph wrote target/pipeline/pipeline.dot.
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
return true
