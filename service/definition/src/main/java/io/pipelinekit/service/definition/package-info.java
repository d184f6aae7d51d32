/** The bundled service's pipeline, defined with the pipelinekit library. */
package io.pipelinekit.service.definition;
