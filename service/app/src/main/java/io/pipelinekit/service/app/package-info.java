/** The bundled service's HTTP app (port 9000 behind the nginx sidecar). */
package io.pipelinekit.service.app;
